// What leaves lib/keys: no ciphertext, no digest, never a secret.
import { parseConsumers, type Consumer, type Purpose, type Region } from "@/lib/domain";

export interface KeyDto {
  id: string;
  label: string;
  fingerprint: string;
  region: Region;
  /** This key's own OKX host ("https://us.okx.com"), or null for the region's preset. */
  host: string | null;
  demo: boolean;
  purpose: Purpose;
  consumers: Consumer[];
  notes: string;
  createdOn: string; // YYYY-MM-DD
  createdOnSource: "user" | "added" | "okx";
  /** YYYY-MM-DD: the last use the owner entered (the 14-day countdown runs from it), or null. */
  lastUsedOn: string | null;
  status: "active" | "retired";
  subAcct: string | null;
  parentKeyId: string | null;
  hasSecrets: boolean;
  addedAt: string;
  updatedAt: string;
  lastCheckedAt: string | null;
  lastOkAt: string | null;
}

// Columns safe to read for a DTO; secret columns are never selected by default.
export const keyDtoSelect = {
  id: true,
  label: true,
  fingerprint: true,
  region: true,
  host: true,
  demo: true,
  purpose: true,
  usedBy: true,
  notes: true,
  createdOn: true,
  createdOnSource: true,
  lastUsedOn: true,
  status: true,
  subAcct: true,
  parentKeyId: true,
  addedAt: true,
  updatedAt: true,
  lastCheckedAt: true,
  lastOkAt: true,
} as const;

export interface KeyRowForDto {
  id: string;
  label: string;
  fingerprint: string;
  region: string;
  host: string | null;
  demo: boolean;
  purpose: string;
  usedBy: string;
  notes: string;
  createdOn: Date;
  createdOnSource: string;
  lastUsedOn?: Date | null;
  status: string;
  subAcct: string | null;
  parentKeyId: string | null;
  addedAt: Date;
  updatedAt: Date;
  lastCheckedAt: Date | null;
  lastOkAt: Date | null;
  hasSecrets?: boolean;
}

export function toKeyDto(row: KeyRowForDto): KeyDto {
  return {
    id: row.id,
    label: row.label,
    fingerprint: row.fingerprint,
    region: row.region as Region,
    host: row.host,
    demo: row.demo,
    purpose: row.purpose as Purpose,
    consumers: parseConsumers(row.usedBy),
    notes: row.notes,
    createdOn: row.createdOn.toISOString().slice(0, 10),
    createdOnSource: row.createdOnSource as KeyDto["createdOnSource"],
    lastUsedOn: row.lastUsedOn ? row.lastUsedOn.toISOString().slice(0, 10) : null,
    status: row.status as KeyDto["status"],
    subAcct: row.subAcct,
    parentKeyId: row.parentKeyId,
    hasSecrets: row.hasSecrets ?? row.status === "active",
    addedAt: row.addedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastOkAt: row.lastOkAt?.toISOString() ?? null,
  };
}

type KeyIdentity = Pick<KeyDto, "id" | "label" | "fingerprint" | "purpose" | "demo" | "region">;

/** What names a key wherever it is listed (the audit engine's input, the exported document), in that order. */
export function keyIdentity(k: KeyIdentity): KeyIdentity {
  return { id: k.id, label: k.label, fingerprint: k.fingerprint, purpose: k.purpose, demo: k.demo, region: k.region };
}
