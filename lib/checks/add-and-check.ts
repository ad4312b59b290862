import "server-only";
// Adding a key checks it at once (dashboard and CLI): the user learns on save whether it works, on which entity,
// with which permissions and IPs. The key is stored first and stays stored whatever OKX says: a failed check is
// a finding about the key, not a reason to refuse it (and OKX unreachable is "could not reach OKX", never a dead key).
import type { Actor } from "@/lib/event-log/record";
import { toUserError } from "@/lib/errors/to-user-message";
import { addKey, getKey, type AddKeyOptions } from "@/lib/keys/key-store";
import type { KeyDto } from "@/lib/keys/key-dto";
import type { OkxClient } from "@/lib/okx/client";
import { checkKey, type KeyCheckResult } from "./check-key";

export interface AddedKey {
  /** The key as stored after its check (entity detection may have changed its region or demo flag). */
  key: KeyDto;
  /** The check made on save; null when it could not run at all (then `checkError` says why). */
  check: KeyCheckResult | null;
  checkError: string | null;
}

export async function addAndCheckKey(input: unknown, opts: AddKeyOptions & { actor?: Actor; client?: OkxClient } = {}): Promise<AddedKey> {
  const added = await addKey(input, opts);
  try {
    const check = await checkKey(added.id, { actor: opts.actor ?? "web", client: opts.client });
    return { key: await getKey(added.id), check, checkError: null };
  } catch (e) {
    // Stored either way: the vault locking mid-check or a bad OKX_API_BASE_URL must not undo the add.
    return { key: added, check: null, checkError: toUserError(e).message };
  }
}
