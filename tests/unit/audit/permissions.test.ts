import { describe, expect, it } from "vitest";
import { auditKey, excessPerms, requiredPerms } from "@/lib/audit";
import { NOW, daysAgo, failed, makeKey, ok, only, policy } from "./fixtures";

describe("requiredPerms / excessPerms", () => {
  it("maps purposes to OKX permissions", () => {
    expect(requiredPerms("read")).toEqual(["read_only"]);
    expect(requiredPerms("trade")).toEqual(["read_only", "trade"]);
    expect(requiredPerms("withdraw")).toEqual(["read_only", "trade", "withdraw"]);
  });
  it("returns a fresh array", () => {
    requiredPerms("read").push("withdraw");
    expect(requiredPerms("read")).toEqual(["read_only"]);
  });
  it("lists what goes beyond the purpose, canonical order, deduped", () => {
    expect(excessPerms("read", ["withdraw", "trade", "read_only", "trade"])).toEqual(["trade", "withdraw"]);
    expect(excessPerms("trade", ["read_only", "trade"])).toEqual([]);
    expect(excessPerms("withdraw", ["read_only", "trade", "withdraw"])).toEqual([]);
  });
});

describe("withdraw rule", () => {
  it("is critical on a read-only tracker, with the untick-Withdraw step on okx.com", () => {
    const c = ok({ perm: ["read_only", "withdraw"], label: "tracker-okx" });
    const r = auditKey(makeKey({ purpose: "read" }), [c], policy(), NOW);
    const [f] = only(r.findings, "withdraw");
    expect(f).toMatchObject({ severity: "critical", title: "Withdraw is enabled on a read-only tracker" });
    expect(f!.fix[0]).toBe("okx.com → Profile → API → Edit 'tracker-okx' → untick Withdraw → Confirm");
    expect(f!.evidence).toMatchObject({ checkId: c.id, at: c.at });
    expect(r.grade).toBe("F");
  });
  it("fires on a trading-bot key and uses the region's host", () => {
    const r = auditKey(makeKey({ purpose: "trade", region: "eea" }), [ok({ perm: ["read_only", "trade", "withdraw"] })], policy(), NOW);
    const [f] = only(r.findings, "withdraw");
    expect(f!.title).toBe("Withdraw is enabled on a trading-bot key");
    expect(f!.fix[0]).toMatch(/^my\.okx\.com → Profile → API/);
  });
  it("does not fire for a withdrawal key, nor without withdraw", () => {
    expect(only(auditKey(makeKey({ purpose: "withdraw" }), [ok({ perm: ["read_only", "trade", "withdraw"] })], policy(), NOW).findings, "withdraw")).toEqual(
      [],
    );
    expect(only(auditKey(makeKey(), [ok()], policy(), NOW).findings, "withdraw")).toEqual([]);
  });
  it("points sub-account keys to the sub-account's API page", () => {
    const r = auditKey(makeKey({ purpose: "read", subAcct: "tax" }), [ok({ perm: ["read_only", "withdraw"] })], policy(), NOW);
    expect(only(r.findings, "withdraw")[0]!.fix[0]).toMatch(/Sub-accounts → 'tax' → API → Edit/);
  });
});

describe("excess-permission rule", () => {
  it("is high for trade on a read-purpose key", () => {
    const r = auditKey(makeKey({ purpose: "read" }), [ok({ perm: ["read_only", "trade"] })], policy(), NOW);
    const [f] = only(r.findings, "excess-permission");
    expect(f).toMatchObject({ severity: "high", title: "Trade is enabled on a read-only tracker", action: "check" });
    expect(f!.fix[0]).toMatch(/untick Trade → Confirm/);
    expect(f!.fix.join(" ")).toMatch(/Edit → Purpose/);
  });
  it("does not duplicate the withdraw rule", () => {
    const r = auditKey(makeKey({ purpose: "trade" }), [ok({ perm: ["read_only", "trade", "withdraw"] })], policy(), NOW);
    expect(only(r.findings, "excess-permission")).toEqual([]);
    const r2 = auditKey(makeKey({ purpose: "read" }), [ok({ perm: ["read_only", "trade", "withdraw"] })], policy(), NOW);
    expect(only(r2.findings, "excess-permission")[0]!.title).toBe("Trade is enabled on a read-only tracker");
  });
  it("does not fire when perm matches the purpose or is unknown", () => {
    expect(only(auditKey(makeKey({ purpose: "read" }), [ok({ perm: ["read_only"] })], policy(), NOW).findings, "excess-permission")).toEqual([]);
    expect(only(auditKey(makeKey({ purpose: "read" }), [], policy(), NOW).findings, "excess-permission")).toEqual([]);
  });
});

describe("no-ip rule", () => {
  it("is high for a trade key without IPs, naming the consumers' hosts", () => {
    const c = ok({ ip: [] });
    const [f] = only(auditKey(makeKey(), [c], policy(), NOW).findings, "no-ip");
    expect(f).toMatchObject({ severity: "high", title: "No IP allowlist on a key that can trade" });
    expect(f!.fix[0]).toContain("vps-1");
    expect(f!.fix[1]).toMatch(/Edit 'freqtrade-main' → IP address/);
    expect(f!.evidence.checkId).toBe(c.id);
  });
  it("says withdraw for a withdraw key", () => {
    const r = auditKey(makeKey({ purpose: "withdraw" }), [ok({ ip: [], perm: ["read_only", "trade", "withdraw"] })], policy(), NOW);
    expect(only(r.findings, "no-ip")[0]!.title).toBe("No IP allowlist on a key that can withdraw");
  });
  it("is medium for read-only by default, high when the policy says so", () => {
    const key = makeKey({ purpose: "read" });
    const c = ok({ ip: [""], perm: ["read_only"] }); // OKX's empty string splits to [""]
    expect(only(auditKey(key, [c], policy(), NOW).findings, "no-ip")[0]!.severity).toBe("medium");
    expect(only(auditKey(key, [c], policy({ readOnlyNeedsIp: true }), NOW).findings, "no-ip")[0]!.severity).toBe("high");
  });
  it("does not fire with one bound IP, with unknown ip, or when a later 50110 proves a binding", () => {
    expect(only(auditKey(makeKey(), [ok()], policy(), NOW).findings, "no-ip")).toEqual([]);
    expect(only(auditKey(makeKey(), [ok({ ip: null })], policy(), NOW).findings, "no-ip")).toEqual([]);
    const older = ok({ ip: [], at: new Date(NOW.getTime() - 7_200_000) });
    const blocked = { ...older, id: older.id + 1, outcome: "ip_blocked" as const, code: "50110", at: new Date(NOW.getTime() - 60_000), perm: null, ip: null };
    expect(only(auditKey(makeKey(), [older, blocked], policy(), NOW).findings, "no-ip")).toEqual([]);
  });
});

describe("a sub-account key seen only through its master's listing (bound to its bot's server: 50110 here)", () => {
  it("is audited from the listing when that is newer than its own last ok answer, with the listing as evidence", () => {
    const key = makeKey({ purpose: "read", subAcct: "bots", listing: { perm: ["read_only", "withdraw"], ip: ["198.51.100.7"], at: daysAgo(1) } });
    const [f] = only(auditKey(key, [failed("50110")], policy(), NOW).findings, "withdraw");
    expect(f).toMatchObject({ severity: "critical" });
    expect(f!.evidence.detail).toMatch(/^Master key's sub-account listing at .*: OKX reported perm "read_only,withdraw"/);
    expect(f!.evidence.checkId).toBeUndefined();
  });
  it("yields to the key's own newer ok answer", () => {
    const key = makeKey({ purpose: "read", subAcct: "bots", listing: { perm: ["read_only", "withdraw"], ip: [], at: daysAgo(5) } });
    const findings = auditKey(key, [ok({ at: daysAgo(1), perm: ["read_only"], ip: ["203.0.113.7"] })], policy(), NOW).findings;
    expect(only(findings, "withdraw")).toEqual([]);
    expect(only(findings, "no-ip")).toEqual([]);
  });
});

describe("once OKX says the key is deleted (50119 from the host that answered before)", () => {
  it("gives no advice to change it on okx.com (bind IPs, move to a sub-account): dead-key says what to do", () => {
    const G = { region: "global", demo: false, host: null };
    const unboundMaster = ok({ ...G, at: daysAgo(3), ip: [], uid: "111", mainUid: "111" });
    const key = makeKey({ purpose: "trade" });
    const before = auditKey(key, [unboundMaster], policy(), NOW).findings.map((f) => f.rule);
    expect(before).toEqual(expect.arrayContaining(["no-ip", "master-key-bot"]));
    const after = auditKey(key, [unboundMaster, failed("50119", G)], policy(), NOW).findings.map((f) => f.rule);
    expect(after).toContain("dead-key");
    expect(after).not.toContain("no-ip");
    expect(after).not.toContain("master-key-bot");
    // 50119 from another entity's host, or 50111 (a mistyped key), leave the key alive: the advice stays.
    expect(auditKey(key, [unboundMaster, failed("50119", { ...G, region: "eea" })], policy(), NOW).findings.map((f) => f.rule)).toContain("no-ip");
    expect(auditKey(key, [unboundMaster, failed("50111", G)], policy(), NOW).findings.map((f) => f.rule)).toContain("no-ip");
  });
});

describe("master-key-bot rule", () => {
  it("stays quiet for the master key Keywarden uses to manage sub-account keys (it has to be on the master account)", () => {
    const manager = makeKey({ managesSubAccounts: true });
    expect(only(auditKey(manager, [ok({ uid: "111", mainUid: "111" })], policy(), NOW).findings, "master-key-bot")).toEqual([]);
  });
  it("is low for a trading key on the master account, suggesting a sub-account", () => {
    const r = auditKey(makeKey(), [ok({ uid: "111", mainUid: "111" })], policy(), NOW);
    const [f] = only(r.findings, "master-key-bot");
    expect(f).toMatchObject({ severity: "low", title: "Trading key on the master account" });
    expect(f!.fix[0]).toMatch(/Sub-accounts → Create sub-account/);
    expect(r.grade).toBe("B");
  });
  it("fires for a read-purpose key whose perm includes trade", () => {
    const r = auditKey(makeKey({ purpose: "read" }), [ok({ uid: "1", mainUid: "1" })], policy(), NOW);
    expect(only(r.findings, "master-key-bot")).toHaveLength(1);
  });
  it("does not fire on a sub-account, for demo keys, for read-only trackers, or with unknown uids", () => {
    expect(only(auditKey(makeKey(), [ok()], policy(), NOW).findings, "master-key-bot")).toEqual([]);
    expect(only(auditKey(makeKey({ demo: true }), [ok({ uid: "1", mainUid: "1" })], policy(), NOW).findings, "master-key-bot")).toEqual([]);
    expect(
      only(auditKey(makeKey({ purpose: "read" }), [ok({ uid: "1", mainUid: "1", perm: ["read_only"] })], policy(), NOW).findings, "master-key-bot"),
    ).toEqual([]);
    expect(only(auditKey(makeKey(), [ok({ uid: null, mainUid: null })], policy(), NOW).findings, "master-key-bot")).toEqual([]);
  });
});
