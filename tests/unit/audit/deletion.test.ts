// The 14-day countdown runs from the last use someone can vouch for (the owner's "last used" date, else the
// key's creation date), never from Keywarden's own checks: okx-api.md says OKX does not document that a read
// call counts as use. (It used to count from the latest ok check and advise "Check now" to reset the clock.)
import { describe, expect, it } from "vitest";
import { auditKey } from "@/lib/audit";
import { DAY, NOW, daysAgo, failed, makeKey, ok, only, policy } from "./fixtures";

const unbound = (at: Date = daysAgo(0.1), extra = {}) => ok({ ip: [], at, ...extra });
const deletion = (r: ReturnType<typeof auditKey>) => only(r.findings, "okx-14-day-deletion");

describe("okx-14-day-deletion rule", () => {
  it("counts down from the creation date, shows that date and never credits Keywarden's check", () => {
    const key = makeKey({ createdOn: daysAgo(4) });
    const r = auditKey(key, [unbound(daysAgo(0.1)), unbound(daysAgo(2))], policy(), NOW);
    const [f] = deletion(r);
    expect(f).toMatchObject({ severity: "high" });
    expect(f!.title).toBe("OKX deletes this key in 10 days (2026-06-11) unless it is used (no use recorded since 2026-05-28)");
    expect(f!.dueAt).toEqual(new Date(key.createdOn.getTime() + 14 * DAY));
    expect(r.deletionAt).toEqual(f!.dueAt);
    expect(r.deletionCountedFrom).toEqual(key.createdOn);
    expect(f!.evidence.at).toEqual(key.createdOn);
    expect(f!.evidence.detail).toMatch(/Countdown from 2026-05-28 \(the day it was created: no later use is recorded\)/);
    expect(f!.evidence.detail).toMatch(/Keywarden's checks do not move this date/);
    expect(f!.fix[0]).toMatch(/IP address → add IPs/);
    expect(f!.fix[1]).toMatch(/Last used on → Save/);
    expect(f!.fix.join(" ")).not.toMatch(/Check now/);
  });
  it("a successful check does not move the countdown", () => {
    const key = makeKey({ createdOn: daysAgo(10) });
    const a = auditKey(key, [unbound(daysAgo(9))], policy(), NOW);
    const b = auditKey(key, [unbound(daysAgo(9)), unbound(daysAgo(0.01))], policy(), NOW);
    expect(b.deletionAt).toEqual(a.deletionAt);
  });
  it("counts from the last use the owner entered, when it is after the creation date", () => {
    const key = makeKey({ createdOn: daysAgo(100), lastUsedOn: daysAgo(2) });
    const r = auditKey(key, [unbound()], policy(), NOW);
    expect(r.deletionAt).toEqual(new Date(daysAgo(2).getTime() + 14 * DAY));
    expect(deletion(r)[0]!.evidence.detail).toMatch(/\(the last use you entered\)/);
    // A last-use date before creation is impossible: creation wins.
    const early = auditKey(makeKey({ createdOn: daysAgo(5), lastUsedOn: daysAgo(9) }), [unbound()], policy(), NOW);
    expect(early.deletionCountedFrom).toEqual(daysAgo(5));
  });
  it("says when the created-on date is only the day it was added", () => {
    const r = auditKey(makeKey({ createdOn: daysAgo(3), createdOnSource: "added" }), [unbound()], policy(), NOW);
    expect(deletion(r)[0]!.evidence.detail).toMatch(/the day it was added to Keywarden \(its creation date is unknown\)/);
  });
  it("stays high exactly 3 days before deletion and turns critical just under", () => {
    const at3 = makeKey({ createdOn: new Date(NOW.getTime() - 11 * DAY) });
    expect(deletion(auditKey(at3, [unbound()], policy(), NOW))[0]!.severity).toBe("high");
    const under = makeKey({ createdOn: new Date(NOW.getTime() - 11 * DAY - 1) });
    expect(deletion(auditKey(under, [unbound()], policy(), NOW))[0]!.severity).toBe("critical");
  });
  it("counts hours in the last day", () => {
    const key = makeKey({ createdOn: new Date(NOW.getTime() - 14 * DAY + 5 * 3_600_000) });
    expect(deletion(auditKey(key, [unbound()], policy(), NOW))[0]!.title).toMatch(/within 5 hours/);
  });
  it("past the date with no later answer: may be gone, critical, check whether it exists", () => {
    const key = makeKey({ createdOn: daysAgo(20) });
    const [f] = deletion(auditKey(key, [unbound(daysAgo(19))], policy(), NOW));
    expect(f!.severity).toBe("critical");
    expect(f!.title).toBe("No use recorded since 2026-05-12 (20 days): if it was unused, OKX has deleted it");
    expect(f!.fix.join(" ")).toMatch(/Check now tells whether it still exists \(50119.*Rotate/);
  });
  it("past the date but OKX answered later: the date is unknown, ask for the last use (high, not critical)", () => {
    const key = makeKey({ createdOn: daysAgo(60) });
    const [f] = deletion(auditKey(key, [unbound(daysAgo(1))], policy(), NOW));
    expect(f!.severity).toBe("high");
    expect(f!.title).toMatch(/^No use recorded since 2026-04-02, yet OKX answered on 2026-05-31: when was it last used\?$/);
    expect(f!.evidence.detail).toMatch(/so it was not deleted then/);
  });
  it("a 50110 answer after the ok check proves an IP binding: no countdown", () => {
    const r = auditKey(makeKey(), [unbound(daysAgo(5)), failed("50110", { at: daysAgo(1) })], policy(), NOW);
    expect(deletion(r)).toEqual([]);
    expect(r.deletionAt).toBeNull();
  });
  it("never checked ok: one level lower (unverified)", () => {
    const key = makeKey({ createdOn: daysAgo(12) });
    const r = auditKey(key, [failed("50113", { at: daysAgo(1) })], policy(), NOW);
    const [f] = deletion(r);
    expect(f!.severity).toBe("high");
    expect(f!.title).toMatch(/not verified/);
    expect(r.deletionAt).toEqual(new Date(key.createdOn.getTime() + 14 * DAY));
    const fresh = auditKey(makeKey({ createdOn: daysAgo(1) }), [], policy(), NOW);
    expect(deletion(fresh)[0]!.severity).toBe("medium");
  });
  it("does not fire for IP-bound, read-only, demo, retired or read-purpose never-checked keys", () => {
    const none = (k = makeKey(), checks = [unbound(daysAgo(4))]) => deletion(auditKey(k, checks, policy(), NOW));
    expect(none(makeKey(), [ok({ at: daysAgo(4) })])).toEqual([]);
    expect(none(makeKey({ purpose: "read" }), [unbound(daysAgo(4), { perm: ["read_only"] })])).toEqual([]);
    expect(none(makeKey({ demo: true }))).toEqual([]);
    expect(none(makeKey({ status: "retired" }))).toEqual([]);
    expect(none(makeKey({ purpose: "read" }), [])).toEqual([]);
    expect(auditKey(makeKey({ demo: true }), [unbound(daysAgo(4))], policy(), NOW).deletionAt).toBeNull();
  });
  it("uses the policy's deletion period and critical window", () => {
    const r = auditKey(makeKey({ createdOn: daysAgo(4) }), [unbound()], policy({ okxDeletionDays: 7, deletionCriticalDays: 5 }), NOW);
    expect(deletion(r)[0]!.severity).toBe("critical");
  });
  it("stays silent when the latest answer already says the key is dead", () => {
    const G = { region: "global", demo: false, host: null };
    const r = auditKey(makeKey({ createdOn: daysAgo(30) }), [unbound(daysAgo(20), G), failed("50119", { ...G, at: daysAgo(1) })], policy(), NOW);
    expect(deletion(r)).toEqual([]);
    expect(only(r.findings, "dead-key")).toHaveLength(1);
  });
});
