// Grades and findings say only what OKX or the owner vouched for: unknown until verified, 50110 as "bound to
// other IPs", 50100 frozen, demo keys capped at low, and read-only keys told to drop Trade.
import { describe, expect, it } from "vitest";
import { auditKey, auditVault, compareFindings, describeIpBinding, UNVERIFIED_SCORE_CAP } from "@/lib/audit";
import { NOW, daysAgo, failed, makeKey, ok, only, policy } from "./fixtures";

describe("unverified keys read as unknown", () => {
  it("a key OKX never answered for gets '?', however few its findings", () => {
    const never = auditKey(makeKey(), [], policy(), NOW);
    expect(never).toMatchObject({ grade: "?", verified: false, ipBinding: "unknown" });
    const netErr = auditKey(makeKey(), [failed("")], policy(), NOW);
    expect(netErr.grade).toBe("?");
    const wrongSecret = auditKey(makeKey(), [failed("50113")], policy(), NOW);
    expect(wrongSecret.grade).toBe("?");
  });
  it("gets a letter grade once a check succeeds, or once a master listing shows it", () => {
    expect(auditKey(makeKey(), [failed(""), ok()], policy(), NOW)).toMatchObject({ grade: "A", verified: true });
    const listed = makeKey({ subAcct: "bots", listing: { perm: ["read_only", "trade"], ip: ["198.51.100.7"], at: daysAgo(0.01) } });
    expect(auditKey(listed, [failed("50110")], policy(), NOW)).toMatchObject({ grade: "A", verified: true, ipBinding: "bound" });
  });
  it("a known critical finding is F even unverified: nothing OKX has not said can make it better", () => {
    // 50110 then 50119 from the same host: the key existed there and is gone (dead-key, critical), never verified.
    const G = { region: "global", demo: false, host: null };
    const checks = [failed("50110", { ...G, at: daysAgo(2) }), failed("50119", { ...G, at: daysAgo(1) })];
    const gone = auditKey(makeKey(), checks, policy(), NOW);
    expect(gone).toMatchObject({ grade: "F", verified: false });
    expect(auditVault([{ key: makeKey(), checks }], policy(), NOW).posture).toMatchObject({ grade: "F", unverified: 0 });
  });
  it("a verified key that later fails keeps a letter grade from what is known", () => {
    expect(auditKey(makeKey(), [ok({ at: daysAgo(1) }), failed("50113")], policy(), NOW).grade).toBe("D");
  });
  it("the posture never counts an unverified key as healthy, and says how many there are", () => {
    const healthy = { key: makeKey({ id: "h", apiKeyDigest: "h" }), checks: [ok()] };
    const fresh = { key: makeKey({ id: "n", apiKeyDigest: "n" }), checks: [] };
    const bound = { key: makeKey({ id: "b", apiKeyDigest: "b" }), checks: [failed("50110")] };
    const v = auditVault([healthy, fresh, bound], policy(), NOW);
    expect(v.posture.unverified).toBe(2);
    // healthy 100; fresh (one medium: never checked) and bound (one low) each counted at most the cap
    expect(v.posture.score).toBe(Math.round(((100 + UNVERIFIED_SCORE_CAP + UNVERIFIED_SCORE_CAP) / 3 + UNVERIFIED_SCORE_CAP) / 2));
    expect(v.posture.grade).toBe("B");
    // Without them the vault is A: the unknown keys are what keeps it from it.
    expect(auditVault([healthy], policy(), NOW).posture.grade).toBe("A");
  });
  it("a vault with no verified key has an unknown posture", () => {
    const v = auditVault([{ key: makeKey(), checks: [] }], policy(), NOW);
    expect(v.posture).toMatchObject({ grade: "?", score: null, unverified: 1 });
  });
});

describe("50110: bound to other IPs", () => {
  it("says bound to other IPs, never no/unknown, and tells how to verify", () => {
    const r = auditKey(makeKey({ label: "grid bot" }), [failed("50110")], policy(), NOW);
    expect(r.ipBinding).toBe("elsewhere");
    expect(describeIpBinding(r.ipBinding, r.currentIp)).toBe("bound to other IPs");
    const [f] = only(r.findings, "bound-elsewhere");
    expect(f).toMatchObject({ severity: "low", title: "Bound to other IPs: permissions not verified" });
    expect(f!.fix[0]).toMatch(/^Check it from a machine whose IP is on the key's allowlist: .* run npx keywarden check "grid bot" there$/);
    expect(only(r.findings, "no-ip")).toEqual([]);
    expect(only(r.findings, "okx-14-day-deletion")).toEqual([]);
  });
  it("after an ok answer that showed no IPs, a newer 50110 means a binding was added", () => {
    const r = auditKey(makeKey(), [ok({ at: daysAgo(3), ip: [] }), failed("50110")], policy(), NOW);
    expect(r.ipBinding).toBe("elsewhere");
    expect(only(r.findings, "bound-elsewhere")).toEqual([]); // permissions are known from the ok check
  });
  it("a sub-account key is told to read it through its master key's listing", () => {
    const managed = auditKey(makeKey({ subAcct: "bots", parentKeyId: "m" }), [failed("50110")], policy(), NOW);
    expect(only(managed.findings, "bound-elsewhere")[0]!.fix[0]).toMatch(/manages sub-account bots\) → Check now: its sub-account listing/);
    const orphan = auditKey(makeKey({ subAcct: "bots" }), [failed("50110")], policy(), NOW);
    expect(only(orphan.findings, "bound-elsewhere")[0]!.fix[0]).toMatch(/^Add the master key that manages sub-account bots/);
  });
  it("the other wordings stay plain", () => {
    expect(describeIpBinding("none", [])).toBe("no");
    expect(describeIpBinding("bound", ["1.2.3.4", "5.6.7.8"])).toBe("yes (1.2.3.4, 5.6.7.8)");
    expect(describeIpBinding("unknown", null)).toBe("unknown");
  });
});

describe("frozen (50100)", () => {
  const old = makeKey({ createdOn: daysAgo(200) });
  it("is its own high finding with support advice, above 'rotation overdue'", () => {
    const r = auditKey(old, [ok({ at: daysAgo(2) }), failed("50100", { message: "API frozen, please contact customer service." })], policy(), NOW);
    expect(r.findings.map((f) => f.rule).slice(0, 2)).toEqual(["frozen", "age"]);
    const [f] = r.findings;
    expect(f).toMatchObject({ severity: "high", title: "OKX has frozen this API key (50100)" });
    expect(f!.why).toMatch(/not necessarily the account/);
    expect(f!.fix[0]).toMatch(/^Contact OKX support/);
    expect(f!.fix.at(-1)).toMatch(/Once support has answered, replace the key/);
    expect(f!.evidence.detail).toMatch(/returned 50100: "API frozen/);
  });
  it("goes away once OKX answers again", () => {
    expect(only(auditKey(old, [failed("50100", { at: daysAgo(1) }), ok()], policy(), NOW).findings, "frozen")).toEqual([]);
  });
  it("a network error after it does not hide it", () => {
    expect(only(auditKey(old, [failed("50100", { at: daysAgo(1) }), failed("")], policy(), NOW).findings, "frozen")).toHaveLength(1);
  });
});

describe("demo keys", () => {
  const unbound = ok({ ip: [], perm: ["read_only", "trade", "withdraw"], uid: "1", mainUid: "1" });
  it("no finding is more than low, and no-ip does not claim OKX deletes it", () => {
    const r = auditKey(makeKey({ demo: true, purpose: "read", createdOn: daysAgo(300) }), [unbound], policy(), NOW);
    expect(r.findings.length).toBeGreaterThan(2);
    expect(r.findings.every((f) => f.severity === "low" || f.severity === "info")).toBe(true);
    expect(r.findings.every((f) => f.demo)).toBe(true);
    const [noIp] = only(r.findings, "no-ip");
    expect(noIp!.why).not.toMatch(/deletes unbound/);
    expect(noIp!.why).toMatch(/OKX does not delete unbound demo keys/);
    expect(r.grade).toBe("B");
  });
  it("ranks below every live finding of the same severity in the vault's top list", () => {
    const demo = { key: makeKey({ id: "a-demo", demo: true, apiKeyDigest: "d", createdOn: daysAgo(65) }), checks: [ok({ ip: [] })] };
    const live = { key: makeKey({ id: "z-live", apiKeyDigest: "l", createdOn: daysAgo(65) }), checks: [ok()] };
    const v = auditVault([demo, live], policy(), NOW);
    expect(v.topFindings.map((f) => `${f.keyId}:${f.severity}`)).toEqual(["z-live:low", "a-demo:low", "a-demo:low"]);
    expect([...v.topFindings].sort(compareFindings)).toEqual(v.topFindings);
  });
});

describe("master-key-bot on a read-only key", () => {
  it("tells a tax tool to remove Trade, not to move 'the bot' to a sub-account", () => {
    const r = auditKey(makeKey({ purpose: "read", label: "Koinly" }), [ok({ uid: "1", mainUid: "1" })], policy(), NOW);
    const [f] = only(r.findings, "master-key-bot");
    expect(f!.title).toBe("Trade enabled on a read-only key of the master account");
    expect(f!.fix[0]).toMatch(/Edit 'freqtrade-main' → untick Trade → Confirm$/);
    expect(f!.fix.join(" ")).not.toMatch(/bot|sub-account/i);
    expect(f!.action).toBe("check");
  });
});
