import "server-only";
// Reads for the key page: the sub-account keys a master key's checks discovered that are not stored in
// Keywarden (the ones the user forgot), and the stored keys linked to it. DTOs only; no digests leave here.
import { db } from "@/lib/db/client";
import { parsePerm, type Perm } from "@/lib/domain";
import { splitList } from "@/lib/okx/types";

export interface DiscoveredKeyDto {
  /** The listing row: the unmanaged key's page is /keys/unmanaged/<id>. */
  id: number;
  subAcct: string;
  /** OKX's label for the key. */
  label: string;
  fingerprint: string;
  perm: Perm[];
  ip: string[];
  /** OKX's real creation time. */
  createdAt: Date;
  /** When the last successful discovery saw it. */
  seenAt: Date;
}

export interface LinkedSubKeyDto {
  id: string;
  label: string;
  subAcct: string | null;
}

/** Discovered sub-account keys of this master key whose public key is not stored (compared by digest, now). */
export async function listUnstoredSubKeys(masterKeyId: string): Promise<DiscoveredKeyDto[]> {
  const prisma = await db();
  const rows = await prisma.discoveredSubKey.findMany({ where: { masterKeyId }, orderBy: [{ subAcct: "asc" }, { createdAt: "asc" }] });
  if (!rows.length) return [];
  const stored = await prisma.apiKey.findMany({ where: { apiKeyDigest: { in: rows.map((r) => r.apiKeyDigest) } }, select: { apiKeyDigest: true } });
  const have = new Set(stored.map((s) => s.apiKeyDigest));
  return rows
    .filter((r) => !have.has(r.apiKeyDigest))
    .map((r) => ({
      id: r.id,
      subAcct: r.subAcct,
      label: r.label,
      fingerprint: r.fingerprint,
      perm: parsePerm(r.perm),
      ip: splitList(r.ip),
      createdAt: r.createdAt,
      seenAt: r.seenAt,
    }));
}

/** Stored keys whose managing master key is this one. */
export async function listLinkedSubKeys(masterKeyId: string): Promise<LinkedSubKeyDto[]> {
  const prisma = await db();
  return prisma.apiKey.findMany({ where: { parentKeyId: masterKeyId }, select: { id: true, label: true, subAcct: true }, orderBy: { label: "asc" } });
}

/** The label of a stored key, or null when it is gone (a link to a deleted master key). */
export async function keyLabel(id: string): Promise<string | null> {
  const prisma = await db();
  return (await prisma.apiKey.findUnique({ where: { id }, select: { label: true } }))?.label ?? null;
}
