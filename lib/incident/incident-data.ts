// What an Incident row's data JSON holds: the keys the compromised consumer held, frozen when the incident was
// opened (the report must say what was revoked even after the keys are retired), and each key's progress. Pure.
import type { Perm, Region } from "@/lib/domain";

export const INCIDENT_STATES = ["planned", "revoking", "done", "cancelled"] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/**
 * pending   nothing done yet (okx.com keys: waiting for the user to delete it there)
 * deleting  api only: the intent to delete through the master key is stored before OKX is called
 * deleted   api only: gone from the master key's sub-account listing; waiting for the gone-proof check
 * gone      OKX answered 50119 on the host that answered for the key before (lib/audit/gone.ts): secrets destroyed
 */
export const ITEM_STATUSES = ["pending", "deleting", "deleted", "gone"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface IncidentItem {
  keyId: string;
  label: string;
  fingerprint: string;
  demo: boolean;
  region: Region;
  subAcct: string | null;
  perm: Perm[] | null;
  permSource: "check" | "master-listing" | null;
  /** api: a sub-account key Keywarden deletes through its stored master key; okx.com: the user deletes it there. */
  via: "api" | "okx.com";
  masterKeyId: string | null;
  masterLabel: string | null;
  /** Files the scan found the consumer keeping this key in. */
  paths: string[];
  status: ItemStatus;
  /** When OKX's listing stopped showing it after Keywarden's delete (api). */
  deletedAt?: string;
  /** When the gone proof was seen and the secrets destroyed. */
  verifiedAt?: string;
  evidence?: { code: string; how: string };
  /** The newest check or attempt that did not finish the key, in words. */
  last?: { at: string; message: string };
  /** Why an api key was moved to okx.com (the master key was refused). */
  fallbackReason?: string;
}

export interface IncidentData {
  rev: number;
  items: IncidentItem[];
}

export function parseIncidentData(json: string): IncidentData {
  try {
    const v = JSON.parse(json) as Partial<IncidentData>;
    return { rev: typeof v.rev === "number" ? v.rev : 0, items: Array.isArray(v.items) ? v.items : [] };
  } catch {
    return { rev: 0, items: [] };
  }
}

export function isIncidentState(v: string): v is IncidentState {
  return (INCIDENT_STATES as readonly string[]).includes(v);
}
