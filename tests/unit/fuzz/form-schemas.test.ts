// Generated bad input against every form schema (issue 17): whatever arrives — a megabyte label, NUL, RTL marks,
// escape codes, SQL- or script-looking text, `__proto__` keys, numbers where strings belong — the schema answers
// with a parsed value that keeps its promises, or with a message per field. It never throws, never echoes a
// secret back in a message, and never pollutes Object.prototype. Runs: fuzzRuns(…) here, FUZZ_RUNS under test:fuzz.
import fc from "fast-check";
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { keyMetadataSchema, keySecretsSchema, lastUseSchema, newKeySchema, okxHostSchema, consumersSchema } from "@/lib/keys/key-schema";
import { changePassphraseSchema, setupSchema, unlockSchema, MAX_PASSPHRASE_LENGTH } from "@/lib/vault/passphrase-schema";
import { policySchema } from "@/lib/audit/policy";
import { idleMinutesSchema } from "@/lib/settings/settings";
import { scanRootsSchema } from "@/lib/scan/scan-store";
import { parseIpList } from "@/lib/rotation/ip-list";
import { parseInput } from "@/lib/errors/parse-input";
import { ValidationError } from "@/lib/errors/app-error";
import { anyValue, fuzzOptions, hostileString, protoJson, prototypeClean, wrongType } from "../../support/fuzz";

const CI_RUNS = 200;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A field is either something plausible (so some records pass) or something hostile. */
function field<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 1, arbitrary: anyValue });
}

const keyRecord = fc.record(
  {
    label: field(fc.constantFrom("bot-1", "Tax tracker", "ñandú ☃", "a".repeat(64))),
    region: field(fc.constantFrom("global", "eea", "us", "detect")),
    host: field(fc.constantFrom("", "us.okx.com", "https://www.okx.com", "https://my.okx.com/")),
    demo: field(fc.boolean()),
    purpose: field(fc.constantFrom("read", "trade", "withdraw")),
    usedBy: field(fc.constantFrom("", "bot-1 @ 10.0.0.5", "a\nb @ h file:/home/me/.env")),
    createdOn: field(fc.constantFrom("unknown", "2024-05-01", "2017-01-01")),
    notes: field(fc.constantFrom("", "line one\nline two\tindented")),
    apiKey: field(fc.constantFrom("0f1e2d3c-4b5a-6978-8a9b-acbdcedfe0f1", "plain-key")),
    secretKey: field(fc.constantFrom("0123456789ABCDEF0123456789ABCDEF", "S3cr3tValue")),
    passphrase: field(fc.constantFrom("Passphrase-1", "p a s s")),
  },
  { requiredKeys: [] },
);

/** The same record as JSON.parse would hand it over, with `__proto__` / `constructor` as own keys. */
const withPrototypeKeys = keyRecord.map((r) =>
  JSON.parse(
    JSON.stringify({ ...r, __proto__x: 1 })
      .replace('"__proto__x"', '"__proto__"')
      .replace(/^\{/, '{"constructor":{"prototype":{"polluted":1}},'),
  ),
);

/** Every issue has a short message for a person, and none quotes a secret the caller sent. */
function expectFieldMessages(error: { issues: { message: string; path: PropertyKey[] }[] }, secrets: unknown[] = []) {
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.message).toBe("string");
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeLessThan(300);
    for (const s of secrets) if (typeof s === "string" && s.length >= 6) expect(issue.message).not.toContain(s);
  }
}

function safe<T>(schema: { safeParse(v: unknown): T }, input: unknown): T {
  let out: T | undefined;
  expect(() => (out = schema.safeParse(input))).not.toThrow();
  return out as T;
}

describe("generated bad input: key forms (lib/keys/key-schema.ts)", () => {
  it("new key: parsed values keep every promise, or each bad field gets a message that never quotes a secret", () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(fc.oneof(keyRecord, withPrototypeKeys, wrongType, protoJson), (input) => {
        const r = safe(newKeySchema, input);
        const rec = (input ?? {}) as Record<string, unknown>;
        if (r.success) {
          const v = r.data;
          expect(Object.keys(v).sort()).toEqual([
            "apiKey",
            "createdOn",
            "demo",
            "host",
            "label",
            "notes",
            "passphrase",
            "purpose",
            "region",
            "secretKey",
            "usedBy",
          ]);
          expect(v.label.length).toBeGreaterThan(0);
          expect(v.label.length).toBeLessThanOrEqual(64);
          expect(v.label).toBe(v.label.trim());
          expect(v.label).not.toMatch(CONTROL);
          expect(v.host === null || /^https:\/\/([a-z0-9-]+\.)*okx\.com$/.test(v.host)).toBe(true);
          expect(v.createdOn === null || /^\d{4}-\d{2}-\d{2}$/.test(v.createdOn)).toBe(true);
          expect(v.notes.length).toBeLessThanOrEqual(500);
          expect(v.usedBy.length).toBeLessThanOrEqual(50);
          for (const s of [v.apiKey, v.secretKey]) expect(s).not.toMatch(/\s/);
          expect(v.passphrase).not.toMatch(CONTROL);
          seen.ok++;
        } else {
          seen.refused++;
          expectFieldMessages(r.error, [rec.apiKey, rec.secretKey, rec.passphrase]);
        }
        expect(prototypeClean()).toBe(true);
      }),
      fuzzOptions(CI_RUNS),
    );
    // Both branches ran: the generator is not so hostile that the success promises go unchecked.
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it("key metadata (edit form) and secrets alone: the same, and parseInput names the field", () => {
    fc.assert(
      fc.property(keyRecord, (input) => {
        for (const schema of [keyMetadataSchema, keySecretsSchema] as z.ZodObject[]) {
          const r = safe(schema, input);
          if (r.success) continue;
          expectFieldMessages(r.error, [input.apiKey, input.secretKey, input.passphrase]);
          let thrown: unknown;
          try {
            parseInput(schema, input);
          } catch (e) {
            thrown = e;
          }
          expect(thrown).toBeInstanceOf(ValidationError);
          const fields = Object.keys((thrown as ValidationError).fieldErrors ?? {});
          expect(fields.length).toBeGreaterThan(0);
          for (const f of fields) expect([...Object.keys(schema.shape), "form"]).toContain(f);
        }
      }),
      fuzzOptions(CI_RUNS),
    );
  });

  it("a key-specific host is an https host under okx.com with nothing after it, or refused", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue,
          fc.webUrl(),
          fc.domain().map((d) => `${d}.okx.com`),
        ),
        (input) => {
          const r = safe(okxHostSchema, input);
          if (r.success) expect(r.data === null || /^https:\/\/([a-z0-9-]+\.)*okx\.com$/.test(r.data)).toBe(true);
          else expectFieldMessages(r.error);
        },
      ),
      fuzzOptions(CI_RUNS),
    );
  });

  it("consumers: at most 50, each named, no control characters; last use: a real date or cleared", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue,
          fc.array(hostileString, { maxLength: 60 }).map((l) => l.join("\n")),
        ),
        (input) => {
          const c = safe(consumersSchema, input);
          if (c.success) {
            expect(c.data.length).toBeLessThanOrEqual(50);
            for (const x of c.data) {
              expect(x.name.length).toBeGreaterThan(0);
              expect(`${x.name}${x.host ?? ""}${x.path ?? ""}`).not.toMatch(CONTROL);
            }
          } else expectFieldMessages(c.error);
          const u = safe(lastUseSchema, { lastUsedOn: input });
          if (u.success) expect(u.data.lastUsedOn === null || /^\d{4}-\d{2}-\d{2}$/.test(u.data.lastUsedOn)).toBe(true);
          else expectFieldMessages(u.error);
        },
      ),
      fuzzOptions(CI_RUNS),
    );
  });
});

describe("generated bad input: master passphrase forms (lib/vault/passphrase-schema.ts)", () => {
  const pass = field(fc.constantFrom("correct horse battery staple", "x", "p".repeat(MAX_PASSPHRASE_LENGTH)));
  it("setup, unlock and change accept only capped strings, and no message quotes a passphrase", () => {
    fc.assert(
      fc.property(fc.record({ passphrase: pass, confirm: pass, current: pass, next: pass }, { requiredKeys: [] }), (input) => {
        const typed = [input.passphrase, input.confirm, input.current, input.next];
        for (const schema of [unlockSchema, setupSchema, changePassphraseSchema] as z.ZodType<Record<string, string>>[]) {
          const r = safe(schema, input);
          if (!r.success) {
            expectFieldMessages(r.error, typed);
            continue;
          }
          for (const v of Object.values(r.data)) {
            expect(typeof v).toBe("string");
            expect((v as string).length).toBeGreaterThan(0);
            expect((v as string).length).toBeLessThanOrEqual(MAX_PASSPHRASE_LENGTH);
          }
        }
        const s = setupSchema.safeParse(input);
        if (s.success) expect(input.confirm).toBe(input.passphrase);
      }),
      fuzzOptions(CI_RUNS),
    );
  });
});

describe("generated bad input: settings (audit policy, idle lock)", () => {
  const num = field(fc.oneof(fc.integer({ min: -5, max: 4000 }).map(String), fc.integer({ min: 1, max: 400 })));
  const policyInput = fc.record(
    {
      ageWarnDays: num,
      ageDueDays: num,
      ageOverdueDays: num,
      staleCheckDays: num,
      readOnlyNeedsIp: field(fc.constantFrom("on", "", "off", "true")),
      deletionCriticalDays: num,
      okxDeletionDays: num,
    },
    { requiredKeys: [] },
  );
  it("policy: whole days in range and in order, or a message on the field to change", () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: policyInput }, { weight: 1, arbitrary: wrongType }, { weight: 1, arbitrary: protoJson }), (input) => {
        const r = safe(policySchema, input);
        if (r.success) {
          const p = r.data;
          for (const k of ["ageWarnDays", "ageDueDays", "ageOverdueDays", "staleCheckDays", "deletionCriticalDays", "okxDeletionDays"] as const) {
            expect(Number.isInteger(p[k])).toBe(true);
            expect(p[k]).toBeGreaterThanOrEqual(1);
          }
          expect(p.ageWarnDays < p.ageDueDays && p.ageDueDays < p.ageOverdueDays).toBe(true);
          expect(p.deletionCriticalDays).toBeLessThan(p.okxDeletionDays);
          expect(typeof p.readOnlyNeedsIp).toBe("boolean");
        } else expectFieldMessages(r.error);
        expect(prototypeClean()).toBe(true);
      }),
      fuzzOptions(CI_RUNS),
    );
  });

  it("idle lock: whole minutes from 1 to 1440, or a message", () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.integer().map(String), fc.double().map(String)), (input) => {
        const r = safe(idleMinutesSchema, input);
        if (r.success) expect(Number.isInteger(r.data) && r.data >= 1 && r.data <= 1440).toBe(true);
        else expectFieldMessages(r.error);
      }),
      fuzzOptions(CI_RUNS),
    );
  });
});

describe("generated bad input: rotation and scan inputs", () => {
  it("the new key's IP allowlist: only real addresses or CIDR ranges, at most 20, or a message on ips", () => {
    const ipish = fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.ipV4().map((ip) => `${ip}/24`),
      hostileString,
    );
    fc.assert(
      fc.property(fc.array(ipish, { maxLength: 25 }), fc.constantFrom(", ", "\n", " "), fc.boolean(), (parts, sep, required) => {
        const raw = parts.join(sep);
        let ips: string[] | undefined;
        try {
          ips = parseIpList(raw, required);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
          expect(Object.keys((e as ValidationError).fieldErrors ?? {})).toEqual(["ips"]);
          return;
        }
        expect(ips.length).toBeLessThanOrEqual(20);
        if (required) expect(ips.length).toBeGreaterThan(0);
        for (const ip of ips) expect(ip).toMatch(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/);
      }),
      fuzzOptions(CI_RUNS),
    );
  });

  it("scan folders: 1–20 absolute paths of at most 1000 characters, or a message", () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.oneof(hostileString, fc.constantFrom("/home/me/bots", "/tmp", "/")), { maxLength: 25 }), wrongType), (input) => {
        const r = safe(scanRootsSchema, input);
        if (r.success) {
          expect(r.data.length).toBeGreaterThan(0);
          expect(r.data.length).toBeLessThanOrEqual(20);
          for (const p of r.data) expect(p.startsWith("/") && p.length <= 1000).toBe(true);
        } else expectFieldMessages(r.error);
      }),
      fuzzOptions(CI_RUNS),
    );
  });
});
