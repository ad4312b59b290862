import "server-only";
// The only place stored secrets are opened, for an outgoing OKX call. Callers keep them in memory just for that call.
import { db } from "@/lib/db/client";
import { AppError, NotFoundError, VaultLockedError } from "@/lib/errors/app-error";
import { openSecret } from "@/lib/vault/vault";
import { secretAad } from "@/lib/vault/seal";
import type { Region } from "@/lib/domain";

export interface KeyCredentials {
  id: string;
  label: string;
  region: Region;
  /** The key's own OKX host, or null for the region's preset (the client decides; OKX_API_BASE_URL still wins). */
  baseUrl: string | null;
  demo: boolean;
  apiKey: string;
  secretKey: string;
  passphrase: string;
  lastUid: string | null;
}

const CREDENTIAL_SELECT = { id: true, label: true, region: true, host: true, demo: true, apiKeyEnc: true, secretEnc: true, passphraseEnc: true } as const;

interface CredentialRow {
  id: string;
  label: string;
  region: string;
  host: string | null;
  demo: boolean;
  apiKeyEnc: Uint8Array;
  secretEnc: Uint8Array | null;
  passphraseEnc: Uint8Array | null;
}

function openCredentials(row: CredentialRow, lastUid: string | null): KeyCredentials {
  if (!row.secretEnc || !row.passphraseEnc) {
    throw new AppError(`The secrets of “${row.label}” were destroyed after its rotation; it can no longer be checked.`, "no-secrets");
  }
  return {
    id: row.id,
    label: row.label,
    region: row.region as Region,
    baseUrl: row.host,
    demo: row.demo,
    apiKey: openSecret(row.apiKeyEnc, secretAad(row.id, "apiKey")),
    secretKey: openSecret(row.secretEnc, secretAad(row.id, "secretKey")),
    passphrase: openSecret(row.passphraseEnc, secretAad(row.id, "passphrase")),
    lastUid,
  };
}

export async function loadKeyCredentials(keyId: string): Promise<KeyCredentials> {
  const prisma = await db();
  const row = await prisma.apiKey.findUnique({ where: { id: keyId }, select: CREDENTIAL_SELECT });
  if (!row) throw new NotFoundError("This key");
  const last = await prisma.check.findFirst({
    where: { keyId, uid: { not: null } },
    // Checks stored in one batch share their `at`: the id breaks the tie, as in loadManyKeyCredentials.
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { uid: true },
  });
  return openCredentials(row, last?.uid ?? null);
}

/**
 * The same for many keys in two queries (check-all: per-key queries would hold back the first requests).
 * Each id maps to its credentials or to the AppError loadKeyCredentials would have thrown; a locked vault
 * still throws for the whole call.
 */
export async function loadManyKeyCredentials(keyIds: readonly string[]): Promise<Map<string, KeyCredentials | AppError>> {
  const prisma = await db();
  const rows = await prisma.apiKey.findMany({ where: { id: { in: [...keyIds] } }, select: CREDENTIAL_SELECT });
  // Each key's newest check that learned a uid, found through the (keyId, at) index: the cost follows the
  // number of keys, not the length of the check history.
  const lastUids = await prisma.$queryRawUnsafe<{ keyId: string; uid: string | null }[]>(
    `SELECT k."id" AS "keyId",
       (SELECT c."uid" FROM "Check" c WHERE c."keyId" = k."id" AND c."uid" IS NOT NULL
        ORDER BY c."at" DESC, c."id" DESC LIMIT 1) AS "uid"
     FROM "ApiKey" k`,
  );
  const uidOf = new Map(lastUids.map((r) => [r.keyId, r.uid]));
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, KeyCredentials | AppError>();
  for (const id of keyIds) {
    const row = rowOf.get(id);
    try {
      if (!row) throw new NotFoundError("This key");
      out.set(id, openCredentials(row, uidOf.get(id) ?? null));
    } catch (e) {
      if (e instanceof AppError && !(e instanceof VaultLockedError)) out.set(id, e);
      else throw e;
    }
  }
  return out;
}

export async function listCheckableKeyIds(): Promise<string[]> {
  const prisma = await db();
  const rows = await prisma.apiKey.findMany({
    where: { status: "active", secretEnc: { not: null } },
    select: { id: true },
    orderBy: { label: "asc" },
  });
  return rows.map((r) => r.id);
}

/**
 * The public key of an unmanaged (discovered, not stored) sub-account key, for adopting it or deleting it on OKX
 * through its master key. `aad` is the row's discoveredKeyAad; a blob moved to another row refuses to open.
 */
export function openDiscoveredApiKey(apiKeyEnc: Uint8Array | null, aad: string): string {
  if (!apiKeyEnc) {
    throw new AppError("Keywarden listed this key before it kept listed keys sealed: check its master key once more, then try again.", "no-public-key");
  }
  return openSecret(apiKeyEnc, aad);
}
