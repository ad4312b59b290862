// Pure parts of lib/rotation: the transition table, the verification rules, the plan and generated passphrases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canTransition, currentStep, ROTATION_STATES, transitionRefusal } from "@/lib/rotation/states";
import { blockingRefusals, overrideReasons, verifyNewKey, type VerifyInput } from "@/lib/rotation/verify-rules";
import { okxLabelFor, rotatedLabel, targetPerms } from "@/lib/rotation/plan";
import { generateOkxPassphrase, meetsOkxPassphraseRules } from "@/lib/rotation/passphrase";

const ok = (over: Partial<VerifyInput["newKey"]> = {}): VerifyInput["newKey"] => ({
  outcome: "ok",
  code: "0",
  message: "",
  perm: ["read_only", "trade"],
  ip: ["1.2.3.4"],
  uid: "1",
  ...over,
});

describe("state machine", () => {
  it("terminal states go nowhere; guided never creates or deletes through the API", () => {
    for (const to of ROTATION_STATES) {
      expect(canTransition("guided", "done", to)).toBe(false);
      expect(canTransition("automated", "abandoned", to)).toBe(false);
    }
    expect(canTransition("guided", "planned", "creating")).toBe(false);
    expect(canTransition("guided", "switched", "deleting")).toBe(false);
    expect(canTransition("automated", "switched", "done")).toBe(false);
    expect(canTransition("guided", "planned", "verified")).toBe(false);
    expect(transitionRefusal("guided", "done", "planned")).toMatch(/already finished/);
    expect(transitionRefusal("guided", "planned", "switched")).toMatch(/not possible now/);
    expect(currentStep("deleting")).toBe("revoke");
  });
});

describe("verification rules", () => {
  const base = { purpose: "trade" as const, readOnlyNeedsIp: false, oldKey: { uid: "1", perm: ["read_only", "trade"] as VerifyInput["oldKey"]["perm"] } };
  it("accepts a same-account, same-perm, IP-bound key", () => {
    expect(verifyNewKey({ ...base, newKey: ok() })).toEqual([]);
  });
  it("another account and more than the purpose are never overridable", () => {
    const r = verifyNewKey({ ...base, newKey: ok({ uid: "2", perm: ["read_only", "trade", "withdraw"] }) });
    expect(r.map((x) => [x.code, x.overridable])).toEqual([
      ["other-account", false],
      ["more-than-purpose", false],
    ]);
    expect(blockingRefusals(r, true)).toHaveLength(2);
  });
  it("more than the old key (within purpose) is the one overridable refusal", () => {
    const r = verifyNewKey({ ...base, oldKey: { uid: "1", perm: ["read_only"] }, newKey: ok() });
    expect(r).toEqual([expect.objectContaining({ code: "more-than-old", overridable: true })]);
    expect(blockingRefusals(r, true)).toEqual([]);
  });
  it("unknown old permissions are the same overridable case: possibly more permission than the old key", () => {
    const unknownOld = { uid: "1", perm: null };
    const r = verifyNewKey({ ...base, oldKey: unknownOld, newKey: ok() });
    expect(r).toEqual([expect.objectContaining({ code: "old-perm-unknown", overridable: true })]);
    expect(r[0].message).toMatch(/cannot rule out that the new key has more permission than the old key \(the new key has Trade\)/);
    expect(overrideReasons(r)).toEqual(["possibly more permission than the old key (its permissions were never read from OKX)"]);
    expect(blockingRefusals(r, true)).toEqual([]);
  });
  it("unknown old permissions: a Read-only new key cannot exceed any old key, so it is not refused", () => {
    expect(verifyNewKey({ ...base, purpose: "read", oldKey: { uid: "1", perm: null }, newKey: ok({ perm: ["read_only"] }) })).toEqual([]);
  });
  it("unknown old permissions never waive what the purpose forbids or an unknown account", () => {
    const r = verifyNewKey({ ...base, oldKey: { uid: "1", perm: null }, newKey: ok({ perm: ["read_only", "withdraw"] }) });
    expect(r.map((x) => x.code)).toEqual(["more-than-purpose"]);
    const both = verifyNewKey({ ...base, oldKey: { uid: null, perm: null }, newKey: ok({ perm: ["read_only", "trade", "withdraw"] }) });
    expect(both.map((x) => [x.code, x.overridable])).toEqual([
      ["old-uid-unknown", false],
      ["more-than-purpose", false],
      ["old-perm-unknown", true],
    ]);
    expect(blockingRefusals(both, true).map((x) => x.code)).toEqual(["old-uid-unknown", "more-than-purpose"]);
  });
  it("every overridable refusal says what overriding accepts", () => {
    expect(
      overrideReasons([
        { code: "more-than-old", message: "", overridable: true },
        { code: "other-account", message: "", overridable: false },
      ]),
    ).toEqual(["more permission than the old key"]);
  });
  it("50110 and auth errors refuse with a reason; unbound trade keys refuse", () => {
    expect(verifyNewKey({ ...base, newKey: ok({ outcome: "ip_blocked", code: "50110" }) })[0].code).toBe("ip-blocked");
    expect(verifyNewKey({ ...base, newKey: ok({ outcome: "auth_error", code: "50105", advice: "The passphrase is incorrect." }) })[0].message).toMatch(
      /50105.*passphrase/,
    );
    expect(verifyNewKey({ ...base, newKey: ok({ ip: [] }) }).map((x) => x.code)).toEqual(["ip-not-bound"]);
  });
});

describe("plan", () => {
  it("labels fit 64 characters and keep the convention", () => {
    const now = new Date("2026-11-24T00:00:00Z");
    expect(rotatedLabel("grid bot", now)).toBe("grid bot (rotated 2026-11)");
    expect(rotatedLabel("grid bot (rotated 2026-05)", now, 2)).toBe("grid bot (rotated 2026-11 #2)");
    fc.assert(fc.property(fc.string({ maxLength: 64 }), (l) => rotatedLabel(l, now).length <= 64));
    fc.assert(fc.property(fc.string({ maxLength: 64 }), fc.uuid(), (l, id) => okxLabelFor(l, id, 3).length <= 50));
  });
  it("targets the purpose's needs, narrowed by the old key, and never withdraw when automated", () => {
    expect(targetPerms("trade", ["read_only", "trade", "withdraw"], "guided")).toEqual(["read_only", "trade"]);
    expect(targetPerms("trade", ["read_only"], "guided")).toEqual(["read_only"]);
    expect(targetPerms("withdraw", null, "automated")).toEqual(["read_only", "trade"]);
  });
});

describe("generated passphrases", () => {
  it("always meet OKX's rules", () => {
    for (let i = 0; i < 500; i++) expect(meetsOkxPassphraseRules(generateOkxPassphrase())).toBe(true);
    expect(generateOkxPassphrase(8)).toHaveLength(8);
    expect(() => generateOkxPassphrase(33)).toThrow();
  });
});
