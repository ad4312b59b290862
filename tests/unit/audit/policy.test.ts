import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, policySchema } from "@/lib/audit";
import { policyOrDefault } from "@/lib/audit/policy";
import type { AuditPolicy } from "@/lib/audit";

const errorsOf = (input: unknown) => {
  const r = policySchema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("policySchema", () => {
  it("accepts the defaults and outputs an AuditPolicy", () => {
    const p: AuditPolicy = policySchema.parse(DEFAULT_POLICY);
    expect(p).toEqual(DEFAULT_POLICY);
  });
  it("accepts FormData-style strings and an absent checkbox", () => {
    const { readOnlyNeedsIp: _, ...rest } = DEFAULT_POLICY;
    const form = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, ` ${v} `]));
    expect(policySchema.parse(form)).toEqual({ ...DEFAULT_POLICY, readOnlyNeedsIp: false });
    expect(policySchema.parse({ ...form, readOnlyNeedsIp: "on" }).readOnlyNeedsIp).toBe(true);
  });
  it("rejects fractions, blanks, out-of-range values with a message on the field", () => {
    const e = errorsOf({ ...DEFAULT_POLICY, ageWarnDays: 1.5, staleCheckDays: "", okxDeletionDays: 0 });
    expect(e.ageWarnDays).toMatch(/whole number/);
    expect(e.staleCheckDays).toMatch(/required/);
    expect(e.okxDeletionDays).toMatch(/at least 1 day/);
    expect(errorsOf({ ...DEFAULT_POLICY, ageOverdueDays: 99999 }).ageOverdueDays).toMatch(/at most 3650/);
    expect(errorsOf({ ...DEFAULT_POLICY, ageWarnDays: "abc" }).ageWarnDays).toMatch(/must be a number/);
  });
  it("enforces warn < due < overdue, each message on the field to change", () => {
    expect(errorsOf({ ...DEFAULT_POLICY, ageDueDays: 60 })).toEqual({
      ageDueDays: "Rotation-due age must be greater than the warn age (60 days).",
    });
    expect(errorsOf({ ...DEFAULT_POLICY, ageOverdueDays: 90 })).toEqual({
      ageOverdueDays: "Overdue age must be greater than the rotation-due age (90 days).",
    });
    expect(Object.keys(errorsOf({ ...DEFAULT_POLICY, ageWarnDays: 200 }))).toEqual(["ageDueDays"]);
  });
  it("requires the deletion critical window to be shorter than the deletion period", () => {
    expect(errorsOf({ ...DEFAULT_POLICY, deletionCriticalDays: 14 }).deletionCriticalDays).toMatch(/shorter/);
  });
  it("rejects unknown fields", () => {
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, extra: 1 }).success).toBe(false);
  });
});

describe("policyOrDefault", () => {
  it("fills missing fields and falls back on garbage", () => {
    expect(policyOrDefault({ ageWarnDays: 30 })).toEqual({ ...DEFAULT_POLICY, ageWarnDays: 30 });
    expect(policyOrDefault({ ageWarnDays: 500 })).toEqual(DEFAULT_POLICY);
    expect(policyOrDefault("nonsense")).toEqual(DEFAULT_POLICY);
    expect(policyOrDefault(null)).toEqual(DEFAULT_POLICY);
  });
});
