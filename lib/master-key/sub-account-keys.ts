import "server-only";
// What a master key does to its sub-accounts' keys. OKX has no "get one key": the only way to learn whether a key
// exists, what it may do, or whether a delete took, is to list the sub-account's keys through the master and look
// for it. Every caller goes through here so that reading stays one way.
import type { OkxClient } from "@/lib/okx/client";
import type { OkxCredentials, SubAccountKey } from "@/lib/okx/types";

/** A master key's credentials, the client that speaks for it, and the sub-account it acts on. */
export interface MasterAccess {
  client: OkxClient;
  master: OkxCredentials & { lastUid: string | null };
  subAcct: string;
}

function call(access: MasterAccess) {
  // The master's last known UID lets the rate limiter put the call in the right account's window.
  return { uidHint: access.master.lastUid };
}

/** The key as the master's listing shows it (perm, IPs, label), or null when OKX does not list it. */
export async function findListedKey(access: MasterAccess, apiKey: string): Promise<SubAccountKey | null> {
  const list = await access.client.listSubAccountKeys(access.master, access.subAcct, apiKey, call(access));
  return list.find((k) => k.apiKey === apiKey) ?? null;
}

export async function isListed(access: MasterAccess, apiKey: string): Promise<boolean> {
  return (await findListedKey(access, apiKey)) !== null;
}

/**
 * Deletes the key if the master still lists it; a key already gone is not an error (a retry after a lost reply).
 * `beforeDelete` runs only when there is something to delete, so a caller can refuse at the last moment.
 * Returns whether the key was listed.
 */
export async function deleteIfListed(access: MasterAccess, apiKey: string, beforeDelete?: () => Promise<void>): Promise<boolean> {
  if (!(await isListed(access, apiKey))) return false;
  await beforeDelete?.();
  await access.client.deleteSubAccountKey(access.master, { subAcct: access.subAcct, apiKey }, call(access));
  return true;
}

/**
 * Deletes the key and lists again: OKX acknowledging a delete is not proof, the key missing from the listing is.
 * `gone: false` means OKX still lists it after the delete (try again later).
 */
export async function deleteAndConfirmGone(
  access: MasterAccess,
  apiKey: string,
  beforeDelete?: () => Promise<void>,
): Promise<{ wasListed: boolean; gone: boolean }> {
  const wasListed = await deleteIfListed(access, apiKey, beforeDelete);
  return { wasListed, gone: !(await isListed(access, apiKey)) };
}

/**
 * Deletes the sub-account's keys labelled `label`; returns the ones it deleted. A key under a create attempt's
 * label that Keywarden did not store is one whose create reply was lost: nobody has its secret.
 */
export async function deleteKeysLabelled(access: MasterAccess, label: string): Promise<SubAccountKey[]> {
  const orphans = (await access.client.listSubAccountKeys(access.master, access.subAcct, undefined, call(access))).filter((k) => k.label === label);
  for (const k of orphans) await access.client.deleteSubAccountKey(access.master, { subAcct: access.subAcct, apiKey: k.apiKey }, call(access));
  return orphans;
}
