// Keys a master key's listing shows that Keywarden does not hold: audited from that listing alone, never graded
// better than what is known, never asked for a check they cannot have.
import { describe, expect, it } from "vitest";
import { auditKey } from "@/lib/audit";
import { fixStepLink } from "@/components/audit/fix-step-link";
import { NOW, daysAgo, makeKey, only, policy } from "./fixtures";

const listed = (perm: string[], ip: string[], extra: { subAccountFrozen?: boolean | null; at?: Date } = {}) =>
  makeKey({
    createdOn: daysAgo(40),
    createdOnSource: "okx",
    purpose: perm.includes("trade") ? "trade" : "read",
    subAcct: "ops",
    parentKeyId: "master",
    listing: { perm, ip, at: extra.at ?? daysAgo(0.5), subAccountFrozen: extra.subAccountFrozen ?? false },
    unmanaged: { masterLabel: "manager" },
  });

describe("unmanaged keys", () => {
  it("a trade key is at best D, a read-only one at best B; no stale-check for a key that cannot be checked", () => {
    const trade = auditKey(listed(["read_only", "trade"], ["203.0.113.10"]), [], policy(), NOW);
    expect(trade.findings.map((f) => [f.rule, f.severity])).toEqual([["unmanaged", "high"]]);
    expect(trade.grade).toBe("D");
    expect(trade.verified).toBe(true);
    const read = auditKey(listed(["read_only"], ["203.0.113.10"]), [], policy(), NOW);
    expect(read.findings.map((f) => [f.rule, f.severity])).toEqual([["unmanaged", "medium"]]);
    expect(read.grade).toBe("B");
    expect(only(read.findings, "unmanaged")[0]!.evidence.detail).toMatch(
      /Master key 'manager' listed it at .* under sub-account 'ops': perm "read_only", IPs 203.0.113.10/,
    );
  });

  it("its two fix steps link to the Adopt and Delete on OKX forms of the unmanaged key's own page", () => {
    const f = only(auditKey({ ...listed(["read_only", "trade"], []), id: "unmanaged-42" }, [], policy(), NOW).findings, "unmanaged")[0]!;
    expect(f.fixActions).toEqual([{ kind: "adopt" }, { kind: "delete-on-okx" }]);
    expect(f.fixActions!.map((a) => fixStepLink(f.keyId, a!).href)).toEqual(["/keys/unmanaged/42#adopt", "/keys/unmanaged/42#delete-on-okx"]);
  });

  it("says when the listing is old, and the grade stays what the listing proves", () => {
    const old = auditKey(listed(["read_only"], ["203.0.113.10"], { at: daysAgo(30) }), [], policy(), NOW);
    expect(only(old.findings, "unmanaged")[0]!.why).toMatch(/The listing is 30 days old: check the master key 'manager' again/);
    expect(only(old.findings, "stale-check")).toHaveLength(0);
  });

  it("a frozen or disabled sub-account in the listing is a high frozen finding, also for stored keys", () => {
    const r = auditKey(listed(["read_only"], ["203.0.113.10"], { subAccountFrozen: true }), [], policy(), NOW);
    expect(only(r.findings, "frozen")[0]).toMatchObject({ severity: "high", title: "The sub-account 'ops' of this key is frozen or disabled on OKX" });
    const stored = auditKey({ ...listed(["read_only"], ["203.0.113.10"], { subAccountFrozen: true }), unmanaged: null }, [], policy(), NOW);
    expect(only(stored.findings, "frozen")).toHaveLength(1);
    const unknown = auditKey(listed(["read_only"], ["203.0.113.10"], { subAccountFrozen: null }), [], policy(), NOW);
    expect(only(unknown.findings, "frozen")).toHaveLength(0);
  });

  it("an unbound trade key past OKX's 14 days that the listing still shows is alive: high, not critical", () => {
    const r = auditKey(listed(["read_only", "trade"], []), [], policy(), NOW);
    const [f] = only(r.findings, "okx-14-day-deletion");
    expect(f).toMatchObject({ severity: "high" });
    expect(f!.title).toMatch(/yet OKX still listed it on .*: something has used it since/);
    expect(f!.evidence.detail).toMatch(/the master key's sub-account listing still showed it/);
  });
});
