import "server-only";
// A key on the sub-account under this rotation attempt's OKX label that Keywarden did not store is one whose
// create reply was lost: nobody has its secret, so it can only be deleted. Used before a create is retried and
// when a rotation is abandoned mid-create.
import type { OkxClient } from "@/lib/okx/client";
import type { OkxCredentials, SubAccountKey } from "@/lib/okx/types";

/** Deletes the sub-account's keys labelled `label` through the master key; returns the ones it deleted. */
export async function deleteKeysLabelled(
  client: OkxClient,
  master: OkxCredentials,
  subAcct: string,
  label: string,
  call: { uidHint: string | null },
): Promise<SubAccountKey[]> {
  const orphans = (await client.listSubAccountKeys(master, subAcct, undefined, call)).filter((k) => k.label === label);
  for (const k of orphans) await client.deleteSubAccountKey(master, { subAcct, apiKey: k.apiKey }, call);
  return orphans;
}
