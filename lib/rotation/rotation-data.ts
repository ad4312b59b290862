// The Rotation row's `data` JSON: step times, the plan as it was made, the consumer checklist, the last verification,
// an override, pending labels for crash recovery. Never a secret. Parsed leniently: a field a newer version wrote,
// or a hand-edited row, must not break the wizard.
import { z } from "zod";
import { PERMS } from "@/lib/domain";

const perm = z.enum(PERMS);

export const refusalSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** Only "more permission than the old key" may be overridden by the user. */
  overridable: z.boolean(),
});
export type Refusal = z.infer<typeof refusalSchema>;

export const planSnapshotSchema = z.object({
  requiredPerms: z.array(perm),
  /** What the new key should get: purpose needs ∩ what the old key had (automated), or the purpose needs (guided). */
  targetPerms: z.array(perm),
  oldPerms: z.array(perm).nullable(),
  oldIps: z.array(z.string()).nullable(),
  oldUid: z.string().nullable(),
  newLabel: z.string(),
  ipRequired: z.boolean(),
});
export type PlanSnapshot = z.infer<typeof planSnapshotSchema>;

export const consumerItemSchema = z.object({
  name: z.string(),
  host: z.string().optional(),
  /** The file the scan found the old key in: the wizard offers to write the new key into it. */
  path: z.string().optional(),
  done: z.boolean(),
  at: z.string().optional(),
  /** Keywarden wrote the new key into `path` (and proved it by reading it back); the original is kept as `backup`. */
  written: z.object({ at: z.string(), backup: z.string() }).optional(),
});
export type ConsumerItem = z.infer<typeof consumerItemSchema>;

export const rotationDataSchema = z.object({
  /** Bumped on every commit: the store's optimistic lock compares the whole JSON, so two tabs cannot both win. */
  rev: z.number().int().default(0),
  steps: z.record(z.string(), z.string()).default({}),
  plan: planSnapshotSchema.optional(),
  consumers: z.array(consumerItemSchema).default([]),
  /** Keywarden label the new key row gets; set before the row is written so a crash between the two is reconciled. */
  pendingKeyLabel: z.string().optional(),
  /** Automated: the OKX-side label of the key being created (found again by label after a lost response). */
  okxLabel: z.string().optional(),
  createAttempt: z.number().int().default(0),
  /** Automated: the IPs the new key is bound to (chosen on the create step). */
  createIps: z.array(z.string()).optional(),
  fallbackReason: z.string().optional(),
  verification: z
    .object({ at: z.string(), ok: z.boolean(), refusals: z.array(refusalSchema), overridden: z.boolean().default(false), source: z.string().optional() })
    .optional(),
  override: z.object({ at: z.string(), reasons: z.array(z.string()) }).optional(),
  /** Automated: true once the generated secret has been shown (it is never shown again). */
  revealed: z.boolean().optional(),
  /**
   * Automated: when the user confirmed they copied the shown secrets, and for which key. Until then the consumers
   * cannot be switched nor the old key deleted: a bot moved to a key whose secret nobody kept would stop.
   */
  revealConfirmed: z.object({ at: z.string(), keyId: z.string() }).optional(),
  /** Automated: keys created by this rotation whose secrets were lost before being copied, deleted on OKX. */
  discarded: z.array(z.object({ at: z.string(), keyId: z.string(), fingerprint: z.string() })).optional(),
  lastError: z.object({ at: z.string(), step: z.string(), message: z.string() }).optional(),
  revokeCheck: z.object({ at: z.string(), outcome: z.string(), code: z.string(), message: z.string() }).optional(),
  abandon: z.object({ at: z.string(), newKey: z.enum(["kept", "deleted", "none"]) }).optional(),
});
export type RotationData = z.infer<typeof rotationDataSchema>;

export function parseRotationData(json: string): RotationData {
  let raw: unknown = {};
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  const r = rotationDataSchema.safeParse(raw);
  return r.success ? r.data : rotationDataSchema.parse({});
}
