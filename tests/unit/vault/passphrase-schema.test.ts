// The shared schemas behind the setup, unlock and change-passphrase forms: required, capped at
// MAX_PASSPHRASE_LENGTH, confirmations that must match, with the exact messages the pages (and e2e) show.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changePassphraseSchema, MAX_PASSPHRASE_LENGTH, rewrapSchema, setupSchema, unlockSchema } from "@/lib/vault/passphrase-schema";
import { parseInput } from "@/lib/errors/parse-input";
import { ValidationError } from "@/lib/errors/app-error";
import { formInput } from "@/lib/session/form-input";

// The actions read these forms through the one FormData reader.
const formFields = (form: FormData, names: readonly string[]) => formInput(form).pick(names);

const GOOD = "copper-violin-tundra-57";
const TOO_LONG = "a".repeat(MAX_PASSPHRASE_LENGTH + 1);

function fieldErrors(schema: Parameters<typeof parseInput>[0], input: unknown): Record<string, string[]> {
  try {
    parseInput(schema, input);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).fieldErrors ?? {};
  }
  return {};
}

function form(entries: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
}

describe("unlock schema", () => {
  it("requires a passphrase and caps its length at 1024", () => {
    expect(MAX_PASSPHRASE_LENGTH).toBe(1024);
    expect(fieldErrors(unlockSchema, { passphrase: "" })).toEqual({ passphrase: ["Master passphrase is required."] });
    expect(fieldErrors(unlockSchema, {})).toEqual({ passphrase: ["Master passphrase is required."] });
    expect(fieldErrors(unlockSchema, { passphrase: TOO_LONG })).toEqual({ passphrase: ["Master passphrase must be at most 1024 characters."] });
    expect(parseInput(unlockSchema, { passphrase: "a".repeat(MAX_PASSPHRASE_LENGTH) }).passphrase).toHaveLength(MAX_PASSPHRASE_LENGTH);
  });
  it("returns any allowed passphrase unchanged (no trimming: spaces are part of it)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: MAX_PASSPHRASE_LENGTH }), (p) => {
        expect(parseInput(unlockSchema, { passphrase: p }).passphrase).toBe(p);
      }),
    );
    expect(parseInput(unlockSchema, { passphrase: ` ${GOOD} ` }).passphrase).toBe(` ${GOOD} `);
  });
  it("a file upload in place of the field is refused, not stringified", () => {
    const f = new FormData();
    f.set("passphrase", new Blob(["x"]), "p.txt");
    expect(fieldErrors(unlockSchema, formFields(f, ["passphrase"]))).toEqual({ passphrase: ["Master passphrase is required."] });
  });
});

describe("setup schema", () => {
  it("accepts the passphrase typed twice", () => {
    expect(parseInput(setupSchema, formFields(form({ passphrase: GOOD, confirm: GOOD }), ["passphrase", "confirm"]))).toEqual({
      passphrase: GOOD,
      confirm: GOOD,
    });
  });
  it("refuses a mismatch next to the confirmation field, with the message the page shows", () => {
    expect(fieldErrors(setupSchema, { passphrase: GOOD, confirm: GOOD + "x" })).toEqual({ confirm: ["The two passphrases do not match."] });
    expect(fieldErrors(setupSchema, formFields(form({ passphrase: GOOD }), ["passphrase", "confirm"]))).toHaveProperty("confirm");
  });
  it("caps both fields", () => {
    expect(fieldErrors(setupSchema, { passphrase: TOO_LONG, confirm: TOO_LONG })).toEqual({
      passphrase: ["Master passphrase must be at most 1024 characters."],
      confirm: ["The confirmation must be at most 1024 characters."],
    });
  });
  it("leaves strength to passphrase-strength (a weak but matching pair passes the schema)", () => {
    expect(parseInput(setupSchema, { passphrase: "hunter2", confirm: "hunter2" }).passphrase).toBe("hunter2");
  });
});

describe("change-passphrase schema", () => {
  const names = ["current", "next", "confirm"] as const;
  it("accepts current + new twice, and needs all three", () => {
    expect(
      parseInput(changePassphraseSchema, formFields(form({ current: GOOD, next: "granite-orchid-saffron-91", confirm: "granite-orchid-saffron-91" }), names)),
    ).toMatchObject({
      current: GOOD,
      next: "granite-orchid-saffron-91",
    });
    expect(fieldErrors(changePassphraseSchema, formFields(form({}), names))).toMatchObject({
      current: ["Current passphrase is required."],
      next: ["New passphrase is required."],
    });
  });
  it("refuses a mismatch next to the confirmation field", () => {
    expect(fieldErrors(changePassphraseSchema, { current: GOOD, next: "granite-orchid-saffron-91", confirm: "granite-orchid-saffron-19" })).toEqual({
      confirm: ["The two new passphrases do not match."],
    });
  });
  it("refuses the current passphrase as the new one, next to the new-passphrase field", () => {
    expect(fieldErrors(changePassphraseSchema, { current: GOOD, next: GOOD, confirm: GOOD })).toEqual({
      next: ["The new passphrase is the current one: choose a different one."],
    });
  });
  it("caps the current and the new passphrase", () => {
    expect(fieldErrors(rewrapSchema, { current: TOO_LONG, next: TOO_LONG })).toEqual({
      current: ["Current passphrase must be at most 1024 characters."],
      next: ["New passphrase must be at most 1024 characters."],
    });
  });
});
