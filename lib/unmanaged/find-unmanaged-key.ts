import "server-only";
// One unmanaged key by its row id, with its master key, for adopting it or deleting it on OKX. Refuses what is
// no longer unmanaged (adopted meanwhile, or no longer listed) with words a person can act on.
import { db } from "@/lib/db/client";
import { AppError, NotFoundError } from "@/lib/errors/app-error";
import { openDiscoveredApiKey } from "@/lib/keys/credentials";
import { discoveredKeyAad } from "@/lib/sub-accounts/store-discovered-keys";
import { apiKeyDigest } from "@/lib/vault/vault";
import type { Region } from "@/lib/domain";

export interface UnmanagedTarget {
  id: number;
  masterKeyId: string;
  masterLabel: string;
  region: Region;
  host: string | null;
  demo: boolean;
  subAcct: string;
  okxLabel: string;
  /** What the user types to confirm a delete: OKX's label, else the fingerprint. */
  name: string;
  fingerprint: string;
  digest: string;
  createdAt: Date;
  perm: string;
  ip: string;
  /** The sealed public key: stays inside lib (adopt and delete return DTOs, never this). */
  sealedApiKey: Uint8Array | null;
}

export async function findUnmanagedKey(id: number): Promise<UnmanagedTarget> {
  const prisma = await db();
  const row = Number.isSafeInteger(id)
    ? await prisma.discoveredSubKey.findUnique({
        where: { id },
        include: { masterKey: { select: { label: true, region: true, host: true, demo: true, status: true } } },
      })
    : null;
  if (!row || row.masterKey.status !== "active") throw new NotFoundError("This unmanaged key");
  const stored = await prisma.apiKey.findUnique({ where: { apiKeyDigest: row.apiKeyDigest }, select: { label: true } });
  if (stored) throw new AppError(`This key is already in Keywarden as “${stored.label}”.`, "already-stored");
  return {
    id: row.id,
    masterKeyId: row.masterKeyId,
    masterLabel: row.masterKey.label,
    region: row.masterKey.region as UnmanagedTarget["region"],
    host: row.masterKey.host,
    demo: row.masterKey.demo,
    subAcct: row.subAcct,
    okxLabel: row.label,
    name: row.label || row.fingerprint,
    fingerprint: row.fingerprint,
    digest: row.apiKeyDigest,
    createdAt: row.createdAt,
    perm: row.perm,
    ip: row.ip,
    sealedApiKey: row.apiKeyEnc,
  };
}

/** The target's public key, opened in memory for one OKX call; checked against the row's digest. */
export function publicKeyOf(target: UnmanagedTarget): string {
  const apiKey = openDiscoveredApiKey(target.sealedApiKey, discoveredKeyAad(target.masterKeyId, target.digest));
  if (apiKeyDigest(apiKey) !== target.digest) throw new AppError("This key's stored listing is inconsistent: check its master key again.", "listing-mismatch");
  return apiKey;
}
