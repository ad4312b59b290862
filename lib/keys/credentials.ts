import "server-only";
// The only place stored secrets are opened, for an outgoing OKX call. Callers keep them in memory just for that call.
import { db } from "@/lib/db/client";
import { NotFoundError, AppError } from "@/lib/errors/app-error";
import { openSecret } from "@/lib/vault/vault";
import { secretAad } from "@/lib/vault/seal";
import type { Region } from "./key-schema";

export interface KeyCredentials {
  id: string;
  label: string;
  region: Region;
  demo: boolean;
  apiKey: string;
  secretKey: string;
  passphrase: string;
  lastUid: string | null;
}

export async function loadKeyCredentials(keyId: string): Promise<KeyCredentials> {
  const prisma = await db();
  const row = await prisma.apiKey.findUnique({
    where: { id: keyId },
    select: { id: true, label: true, region: true, demo: true, apiKeyEnc: true, secretEnc: true, passphraseEnc: true },
  });
  if (!row) throw new NotFoundError("This key");
  if (!row.secretEnc || !row.passphraseEnc) {
    throw new AppError(`The secrets of “${row.label}” were destroyed after its rotation; it can no longer be checked.`, "no-secrets");
  }
  const last = await prisma.check.findFirst({
    where: { keyId, uid: { not: null } },
    orderBy: { at: "desc" },
    select: { uid: true },
  });
  return {
    id: row.id,
    label: row.label,
    region: row.region as Region,
    demo: row.demo,
    apiKey: openSecret(row.apiKeyEnc, secretAad(keyId, "apiKey")),
    secretKey: openSecret(row.secretEnc, secretAad(keyId, "secretKey")),
    passphrase: openSecret(row.passphraseEnc, secretAad(keyId, "passphrase")),
    lastUid: last?.uid ?? null,
  };
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
