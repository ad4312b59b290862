// The one FormData reader every server action gets from guardedForm: missing fields, checkboxes, strict schemas'
// "every field", uploads, and what a refused form may echo back (never an OKX credential, never Next's own fields).
import { describe, expect, it } from "vitest";
import { echoValues, formInput, SECRET_FIELDS } from "@/lib/session/form-input";

function form(entries: [string, string | Blob][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("formInput", () => {
  const f = form([
    ["label", "Bot 1"],
    ["demo", "on"],
    ["done", "1"],
    ["$ACTION_ID_abc", "x"],
    ["apiKey", "k"],
    ["backup", new File(["SQLite"], "b.db")],
  ]);

  it("reads text, with a missing field as empty text", () => {
    const input = formInput(f);
    expect(input.text("label")).toBe("Bot 1");
    expect(input.text("notes")).toBe("");
  });

  it('reads a checkbox as ticked only when the browser sent "on"', () => {
    const input = formInput(f);
    expect(input.checked("demo")).toBe(true);
    expect(input.checked("done")).toBe(false);
    expect(input.checked("absent")).toBe(false);
  });

  it("picks named fields as they arrived, undefined when missing, for schemas that decide what is required", () => {
    expect(formInput(f).pick(["label", "passphrase"])).toEqual({ label: "Bot 1", passphrase: undefined });
  });

  it("lists every text field but Next's own and uploads", () => {
    expect(formInput(f).all()).toEqual({ label: "Bot 1", demo: "on", done: "1", apiKey: "k" });
  });

  it("gives an upload as a File, and null for text or a missing field", () => {
    expect(formInput(f).file("backup")?.name).toBe("b.db");
    expect(formInput(f).file("label")).toBeNull();
    expect(formInput(f).file("none")).toBeNull();
  });

  it("reads anything that is not a FormData as a form with no fields", () => {
    for (const junk of [null, undefined, "x", { label: "x" }, ["label", "x"], 7]) {
      const input = formInput(junk);
      expect(input.text("label")).toBe("");
      expect(input.all()).toEqual({});
      expect(input.pick(["label"])).toEqual({ label: undefined });
    }
  });
});

describe("echoValues", () => {
  it("puts back every text field except the OKX credentials and Next's own fields", () => {
    const f = form([
      ["label", "Bot 1"],
      ["apiKey", "k"],
      ["secretKey", "s"],
      ["passphrase", "p"],
      ["$ACTION_KEY", "x"],
      ["confirm", "Bot 1"],
    ]);
    expect(echoValues(f)).toEqual({ label: "Bot 1", confirm: "Bot 1" });
    expect(SECRET_FIELDS).toEqual(["apiKey", "secretKey", "passphrase"]);
  });

  it("echoes nothing for a non-form", () => {
    expect(echoValues("label=x")).toEqual({});
  });
});
