import "server-only";
// From a stored sub-account key to the master access that manages it: the sub-account's name and the master key
// are both on the key's row (parentKeyId), so a caller only needs the Keywarden key id.
import { loadKeyCredentials } from "@/lib/keys/credentials";
import { getKey } from "@/lib/keys/key-store";
import type { KeyDto } from "@/lib/keys/key-dto";
import type { OkxClient } from "@/lib/okx/client";
import type { SubAccountKey } from "@/lib/okx/types";
import { isOkxError } from "@/lib/okx/errors";
import { AppError } from "@/lib/errors/app-error";
import { deleteAndConfirmGone, findListedKey, type MasterAccess } from "./sub-account-keys";

/** The master access for a key's sub-account; null for a key with no stored master. */
export async function masterAccessOf(key: Pick<KeyDto, "subAcct" | "parentKeyId">, client: OkxClient): Promise<MasterAccess | null> {
  if (!key.subAcct || !key.parentKeyId) return null;
  return { client, master: await loadKeyCredentials(key.parentKeyId), subAcct: key.subAcct };
}

/** The master access for the sub-account of a stored key, and that key's apiKey; null with no stored master. */
export async function masterAccessFor(key: KeyDto, client: OkxClient): Promise<{ access: MasterAccess; apiKey: string } | null> {
  if (!key.subAcct || !key.parentKeyId) return null;
  const [access, own] = await Promise.all([masterAccessOf(key, client), loadKeyCredentials(key.id)]);
  return access && { access, apiKey: own.apiKey };
}

/**
 * A sub-account key as its master key's listing shows it (perm, IPs): how Keywarden sees a key bound to its bot's
 * server, which answers 50110 to this machine forever. null when there is no stored master or OKX cannot say.
 */
export async function listedByMaster(keyId: string, client: OkxClient): Promise<SubAccountKey | null> {
  const key = await getKey(keyId);
  try {
    const found = await masterAccessFor(key, client);
    return found ? await findListedKey(found.access, found.apiKey) : null;
  } catch (e) {
    if (isOkxError(e) || e instanceof AppError) return null;
    throw e;
  }
}

/**
 * Deletes a stored sub-account key on OKX through its master and confirms the listing no longer has it.
 * null when the key has no stored master (nothing Keywarden can delete); OKX errors are the caller's to word.
 */
export async function deleteStoredKeyOnOkx(keyId: string, client: OkxClient): Promise<{ wasListed: boolean; gone: boolean } | null> {
  const found = await masterAccessFor(await getKey(keyId), client);
  return found ? deleteAndConfirmGone(found.access, found.apiKey) : null;
}
