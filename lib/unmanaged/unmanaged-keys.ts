import "server-only";
// Unmanaged keys: sub-account keys a stored master key's listing shows that Keywarden does not hold. What is known
// about one comes only from that listing (OKX's label, perm, IPs, real creation time, the sub-account's state);
// its secret is nowhere here. DTOs only: the sealed public key and the digest never leave lib.
import type { AuditKey } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parsePerm, type Perm, type Region } from "@/lib/domain";
import { splitList } from "@/lib/okx/types";

export interface UnmanagedKeyDto {
  /** The DiscoveredSubKey row: pages and forms name the key by it (never by its public key). */
  id: number;
  masterKeyId: string;
  masterLabel: string;
  subAcct: string;
  /** OKX's label for the key ("" when it has none). */
  okxLabel: string;
  /** What the table shows and the delete confirmation asks for: OKX's label, else the fingerprint. */
  name: string;
  fingerprint: string;
  perm: Perm[];
  ip: string[];
  createdAt: Date;
  seenAt: Date;
  /** The listing showed its sub-account disabled or frozen; null when the listing did not say. */
  subFrozen: boolean | null;
  region: Region;
  demo: boolean;
  /** Adopt / delete need the sealed public key, which rows from before it was kept lack. */
  actionable: boolean;
  /** Other master keys' listing rows of the same key (their pages link here too). */
  otherRowIds: number[];
}

export interface UnmanagedRow {
  key: UnmanagedKeyDto;
  auditKey: AuditKey;
}

/** The audit's id for an unmanaged key: never a stored key's UUID. */
export function unmanagedAuditId(id: number): string {
  return `unmanaged-${id}`;
}

/**
 * Every unmanaged key once, however many stored master keys of the account list it (the newest listing wins), and
 * only from active master keys. Stored keys of any status are left out: a retired key still listed is a rotation's
 * business, not a forgotten key.
 */
export async function loadUnmanagedRows(prisma: PrismaClient): Promise<UnmanagedRow[]> {
  const rows = await prisma.discoveredSubKey.findMany({
    where: { masterKey: { status: "active" } },
    orderBy: [{ seenAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      masterKeyId: true,
      subAcct: true,
      label: true,
      fingerprint: true,
      apiKeyDigest: true,
      perm: true,
      ip: true,
      createdAt: true,
      seenAt: true,
      subFrozen: true,
      apiKeyEnc: true,
      masterKey: { select: { label: true, region: true, demo: true } },
    },
  });
  if (!rows.length) return [];
  const stored = await prisma.apiKey.findMany({
    where: { apiKeyDigest: { in: [...new Set(rows.map((r) => r.apiKeyDigest))] } },
    select: { apiKeyDigest: true },
  });
  const skip = new Set(stored.map((s) => s.apiKeyDigest));
  const kept = new Map<string, UnmanagedKeyDto>();
  const out: UnmanagedRow[] = [];
  for (const r of rows) {
    if (skip.has(r.apiKeyDigest)) continue;
    const first = kept.get(r.apiKeyDigest);
    if (first) {
      first.otherRowIds.push(r.id);
      continue;
    }
    const key: UnmanagedKeyDto = {
      id: r.id,
      masterKeyId: r.masterKeyId,
      masterLabel: r.masterKey.label,
      subAcct: r.subAcct,
      okxLabel: r.label,
      name: r.label || r.fingerprint,
      fingerprint: r.fingerprint,
      perm: parsePerm(r.perm),
      ip: splitList(r.ip),
      createdAt: r.createdAt,
      seenAt: r.seenAt,
      subFrozen: r.subFrozen,
      region: r.masterKey.region as UnmanagedKeyDto["region"],
      demo: r.masterKey.demo,
      actionable: r.apiKeyEnc !== null,
      otherRowIds: [],
    };
    kept.set(r.apiKeyDigest, key);
    out.push({ key, auditKey: toAuditKey(key, r.apiKeyDigest, splitList(r.perm)) });
  }
  return out.sort((a, b) => a.key.name.localeCompare(b.key.name));
}

function toAuditKey(k: UnmanagedKeyDto, digest: string, permWords: string[]): AuditKey {
  return {
    id: unmanagedAuditId(k.id),
    label: k.name,
    fingerprint: k.fingerprint,
    // No one declared a purpose. Taking the one its permissions imply claims no excess permission the owner may
    // well intend; every other rule judges what OKX listed.
    purpose: k.perm.includes("trade") ? "trade" : "read",
    demo: k.demo,
    region: k.region,
    createdOn: k.createdAt,
    createdOnSource: "okx",
    addedAt: k.seenAt,
    lastUsedOn: null,
    consumers: [],
    apiKeyDigest: digest,
    status: "active",
    subAcct: k.subAcct,
    parentKeyId: k.masterKeyId,
    managesSubAccounts: false,
    listing: { perm: permWords, ip: k.ip, at: k.seenAt, subAccountFrozen: k.subFrozen },
    unmanaged: { masterLabel: k.masterLabel },
  };
}
