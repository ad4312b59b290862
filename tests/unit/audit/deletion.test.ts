import { describe, expect, it } from "vitest";
import { auditKey } from "@/lib/audit";
import { DAY, NOW, daysAgo, failed, makeKey, ok, only, policy } from "./fixtures";

const unbound = (at: Date, extra = {}) => ok({ ip: [], at, ...extra });

describe("okx-14-day-deletion rule", () => {
  it("counts down from the latest ok check: high with days left and the date", () => {
    const c = unbound(daysAgo(4));
    const r = auditKey(makeKey(), [c, unbound(daysAgo(9))], policy(), NOW);
    const [f] = only(r.findings, "okx-14-day-deletion");
    expect(f).toMatchObject({ severity: "high", action: "check" });
    expect(f!.title).toBe("OKX will delete this key in 10 days (2026-06-11) unless it is used");
    expect(f!.dueAt).toEqual(new Date(c.at.getTime() + 14 * DAY));
    expect(r.deletionAt).toEqual(f!.dueAt);
    expect(f!.evidence.checkId).toBe(c.id);
    expect(f!.fix[0]).toMatch(/IP address → add IPs/);
    expect(f!.fix[1]).toMatch(/Check now/);
  });
  it("stays high exactly 3 days before deletion and turns critical just under", () => {
    const at3 = unbound(new Date(NOW.getTime() - 11 * DAY));
    expect(only(auditKey(makeKey(), [at3], policy(), NOW).findings, "okx-14-day-deletion")[0]!.severity).toBe("high");
    const under = unbound(new Date(NOW.getTime() - 11 * DAY - 1));
    expect(only(auditKey(makeKey(), [under], policy(), NOW).findings, "okx-14-day-deletion")[0]!.severity).toBe("critical");
  });
  it("counts hours in the last day", () => {
    const c = unbound(new Date(NOW.getTime() - 14 * DAY + 5 * 3_600_000));
    expect(only(auditKey(makeKey(), [c], policy(), NOW).findings, "okx-14-day-deletion")[0]!.title).toMatch(/within 5 hours/);
  });
  it("says the key is probably deleted once past, and suggests checking / replacing", () => {
    const c = unbound(daysAgo(20));
    const [f] = only(auditKey(makeKey(), [c], policy(), NOW).findings, "okx-14-day-deletion");
    expect(f!.severity).toBe("critical");
    expect(f!.title).toMatch(/probably deleted.*20 days/);
    expect(f!.fix.join(" ")).toMatch(/50119.*Rotate/);
  });
  it("failed calls are not a use: the countdown keeps the ok check's time", () => {
    const c = unbound(daysAgo(5));
    const r = auditKey(makeKey(), [c, failed("", { at: daysAgo(1) }), failed("50113", { at: daysAgo(0.5) })], policy(), NOW);
    expect(r.deletionAt).toEqual(new Date(c.at.getTime() + 14 * DAY));
  });
  it("a 50110 answer after the ok check proves an IP binding: no countdown", () => {
    const r = auditKey(makeKey(), [unbound(daysAgo(5)), failed("50110", { at: daysAgo(1) })], policy(), NOW);
    expect(only(r.findings, "okx-14-day-deletion")).toEqual([]);
    expect(r.deletionAt).toBeNull();
  });
  it("falls back to addedAt when never checked ok, one level lower (unverified)", () => {
    const key = makeKey({ addedAt: daysAgo(12) });
    const r = auditKey(key, [failed("50113", { at: daysAgo(1) })], policy(), NOW);
    const [f] = only(r.findings, "okx-14-day-deletion");
    expect(f!.severity).toBe("high");
    expect(f!.title).toMatch(/not verified/);
    expect(f!.evidence).toMatchObject({ at: key.addedAt });
    expect(r.deletionAt).toEqual(new Date(key.addedAt.getTime() + 14 * DAY));
    const fresh = auditKey(makeKey({ addedAt: daysAgo(1) }), [], policy(), NOW);
    expect(only(fresh.findings, "okx-14-day-deletion")[0]!.severity).toBe("medium");
  });
  it("does not fire for IP-bound, read-only, demo, retired or read-purpose never-checked keys", () => {
    const none = (k = makeKey(), checks = [unbound(daysAgo(4))]) => only(auditKey(k, checks, policy(), NOW).findings, "okx-14-day-deletion");
    expect(none(makeKey(), [ok({ at: daysAgo(4) })])).toEqual([]);
    expect(none(makeKey({ purpose: "read" }), [unbound(daysAgo(4), { perm: ["read_only"] })])).toEqual([]);
    expect(none(makeKey({ demo: true }))).toEqual([]);
    expect(none(makeKey({ status: "retired" }))).toEqual([]);
    expect(none(makeKey({ purpose: "read" }), [])).toEqual([]);
    expect(auditKey(makeKey({ demo: true }), [unbound(daysAgo(4))], policy(), NOW).deletionAt).toBeNull();
  });
  it("uses the policy's deletion period and critical window", () => {
    const c = unbound(daysAgo(4));
    const r = auditKey(makeKey(), [c], policy({ okxDeletionDays: 7, deletionCriticalDays: 5 }), NOW);
    expect(only(r.findings, "okx-14-day-deletion")[0]!.severity).toBe("critical");
  });
  it("stays silent when the latest answer already says the key is dead", () => {
    const G = { region: "global", demo: false, host: null };
    const r = auditKey(makeKey(), [unbound(daysAgo(20), G), failed("50119", { ...G, at: daysAgo(1) })], policy(), NOW);
    expect(only(r.findings, "okx-14-day-deletion")).toEqual([]);
    expect(only(r.findings, "dead-key")).toHaveLength(1);
  });
});
