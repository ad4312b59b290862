import { z } from "zod";
import type { AuditPolicy } from "./types";

export const DEFAULT_POLICY: Readonly<AuditPolicy> = Object.freeze({
  ageWarnDays: 60,
  ageDueDays: 90,
  ageOverdueDays: 180,
  staleCheckDays: 7,
  readOnlyNeedsIp: false,
  deletionCriticalDays: 3,
  okxDeletionDays: 14,
});

// Numbers arrive as numbers (stored JSON) or strings (FormData); "" must fail, not become 0 silently.
function days(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (iss) => (iss.input === undefined ? `${label} is required.` : `${label} must be a number.`) })
      .int({ error: `${label} must be a whole number of days.` })
      .min(min, { error: `${label} must be at least ${min} day${min === 1 ? "" : "s"}.` })
      .max(max, { error: `${label} must be at most ${max} days.` }),
  );
}

// A checkbox is absent from FormData when unticked, and "on" when ticked.
const checkbox = z.preprocess(
  (v) => {
    if (v === undefined || v === null || v === "" || v === "off" || v === "false") return false;
    if (v === "on" || v === "true") return true;
    return v;
  },
  z.boolean({ error: "Must be on or off." }),
);

/**
 * The editable audit policy (Settings form, server action, stored Setting JSON).
 * Output is exactly AuditPolicy. Cross-field rules attach their message to the field the user should change.
 */
export const policySchema = z
  .object({
    ageWarnDays: days("Warn age", 1, 3650),
    ageDueDays: days("Rotation-due age", 1, 3650),
    ageOverdueDays: days("Overdue age", 1, 3650),
    staleCheckDays: days("Stale-check window", 1, 365),
    readOnlyNeedsIp: checkbox,
    deletionCriticalDays: days("Deletion critical window", 1, 90),
    okxDeletionDays: days("OKX deletion period", 1, 365),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.ageDueDays <= p.ageWarnDays) {
      ctx.addIssue({
        code: "custom",
        path: ["ageDueDays"],
        message: `Rotation-due age must be greater than the warn age (${p.ageWarnDays} days).`,
      });
    }
    if (p.ageOverdueDays <= p.ageDueDays) {
      ctx.addIssue({
        code: "custom",
        path: ["ageOverdueDays"],
        message: `Overdue age must be greater than the rotation-due age (${p.ageDueDays} days).`,
      });
    }
    if (p.deletionCriticalDays >= p.okxDeletionDays) {
      ctx.addIssue({
        code: "custom",
        path: ["deletionCriticalDays"],
        message: `Deletion critical window must be shorter than the OKX deletion period (${p.okxDeletionDays} days).`,
      });
    }
  });

/**
 * For stored settings: fill fields missing from older JSON with defaults, and fall back to DEFAULT_POLICY
 * entirely if the result is invalid (a bad row must not break every page).
 */
export function policyOrDefault(raw: unknown): AuditPolicy {
  const merged = raw && typeof raw === "object" && !Array.isArray(raw) ? { ...DEFAULT_POLICY, ...raw } : DEFAULT_POLICY;
  const parsed = policySchema.safeParse(merged);
  return parsed.success ? parsed.data : { ...DEFAULT_POLICY };
}
