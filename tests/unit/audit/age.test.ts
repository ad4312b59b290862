import { describe, expect, it } from "vitest";
import { auditKey } from "@/lib/audit";
import { DAY, NOW, daysAgo, makeKey, ok, only, policy } from "./fixtures";

const ageOf = (ms: number, src: "user" | "added" | "okx" = "user") =>
  only(auditKey(makeKey({ createdOn: new Date(NOW.getTime() - ms), createdOnSource: src }), [ok()], policy(), NOW).findings, "age");

describe("age rule", () => {
  it("does not fire just before the warn threshold", () => {
    expect(ageOf(60 * DAY - 1)).toEqual([]);
  });
  it("is low from 60 days, with the due date", () => {
    const [f] = ageOf(60 * DAY);
    expect(f).toMatchObject({ severity: "low", action: "rotate" });
    expect(f!.title).toContain("60 days old");
    expect(f!.title).toContain("rotation due on 2026-07-01");
    expect(f!.dueAt).toEqual(new Date(NOW.getTime() - 60 * DAY + 90 * DAY));
  });
  it("is medium from 90 days and not before", () => {
    expect(ageOf(90 * DAY - 1)[0]!.severity).toBe("low");
    expect(ageOf(90 * DAY)[0]).toMatchObject({ severity: "medium" });
  });
  it("is high from 180 days and not before", () => {
    expect(ageOf(180 * DAY - 1)[0]!.severity).toBe("medium");
    const [f] = ageOf(400 * DAY);
    expect(f!.severity).toBe("high");
    expect(f!.title).toMatch(/overdue.*400 days/i);
  });
  it("emits exactly one age finding", () => {
    expect(ageOf(500 * DAY)).toHaveLength(1);
  });
  it("fix points to Rotate; evidence names the created-on date and its source", () => {
    const [f] = ageOf(100 * DAY, "added");
    expect(f!.fix[0]).toMatch(/Keywarden → key page → Rotate/);
    expect(f!.fix.join(" ")).toMatch(/Edit → Created on/);
    expect(f!.evidence.at).toEqual(new Date(NOW.getTime() - 100 * DAY));
    expect(f!.evidence.detail).toMatch(/added to Keywarden/);
  });
  it("a key whose creation date is unknown says so in every title, and is not silent while young", () => {
    const [old] = ageOf(100 * DAY, "added");
    expect(old).toMatchObject({ severity: "medium", action: "rotate" });
    expect(old!.title).toMatch(/at least 100 days old \(age unknown: counted from the day it was added\)/);
    expect(ageOf(100 * DAY, "user")[0]!.title).not.toMatch(/unknown/);
    const [young] = ageOf(5 * DAY, "added");
    expect(young).toMatchObject({ severity: "info", action: "edit" });
    expect(young!.title).toMatch(/Key age unknown: counted from the day it was added .*5 days ago/);
    expect(young!.fix.join(" ")).toMatch(/Edit → Created on/);
    expect(ageOf(5 * DAY, "user")).toEqual([]);
    expect(ageOf(5 * DAY, "okx")).toEqual([]);
  });
  it("mentions automated rotation for sub-account keys whose master key is stored, and how to get there otherwise", () => {
    const r = auditKey(makeKey({ createdOn: daysAgo(100), subAcct: "bot1", parentKeyId: "master-1" }), [ok()], policy(), NOW);
    expect(only(r.findings, "age")[0]!.fix[0]).toMatch(/automated/);
    const orphan = only(auditKey(makeKey({ createdOn: daysAgo(100), subAcct: "bot1" }), [ok()], policy(), NOW).findings, "age")[0]!;
    expect(orphan.fix[0]).toMatch(/guided/);
    expect(orphan.fix[1]).toMatch(/add the master key that manages sub-account bot1/);
  });
  it("follows the policy thresholds", () => {
    const r = auditKey(makeKey({ createdOn: daysAgo(31) }), [ok()], policy({ ageWarnDays: 30, ageDueDays: 31, ageOverdueDays: 32 }), NOW);
    expect(only(r.findings, "age")[0]!.severity).toBe("medium");
  });
  it("reports ageDays and rotationDueAt; a future creation date counts as 0 days", () => {
    const r = auditKey(makeKey({ createdOn: daysAgo(45.5) }), [ok()], policy(), NOW);
    expect(r.ageDays).toBe(45);
    expect(r.rotationDueAt).toEqual(new Date(daysAgo(45.5).getTime() + 90 * DAY));
    expect(auditKey(makeKey({ createdOn: daysAgo(-3) }), [ok()], policy(), NOW).ageDays).toBe(0);
  });
});
