import "server-only";
// Abandoning a rotation at any step. The old key is never touched; the new key is kept (marked in its notes) unless
// the user asks to delete it, which is allowed only while the old key still works.
import { checkKey } from "@/lib/checks/check-key";
import { isOkxError } from "@/lib/okx/errors";
import { getKey } from "@/lib/keys/key-store";
import { recordEvent } from "@/lib/event-log/record";
import { eraseOldPages } from "@/lib/db/client";
import { deleteIfListed, deleteKeysLabelled, masterAccessFor, masterAccessOf } from "@/lib/master-key";
import { commit, loadRotation, RotationError, type LoadedRotation } from "./rotation-store";
import { okxClient, type RotationOptions } from "./rotation-context";
import { oneAtATime } from "./rotation-lock";

export interface AbandonOptions extends RotationOptions {
  /** Also remove the new key (on OKX too, for automated). Default: keep it, marked in its notes. */
  deleteNewKey?: boolean;
}

/** Stops a rotation. The old key is never touched; the new key is kept unless the user asks to delete it. */
export function abandonRotation(rotationId: string, opts: AbandonOptions = {}): Promise<void> {
  // Queued behind a create or delete still talking to OKX, so it sees what that step left.
  return oneAtATime(rotationId, () => abandonNow(rotationId, opts));
}

async function abandonNow(rotationId: string, opts: AbandonOptions): Promise<void> {
  const rot = await loadRotation(rotationId);
  if (rot.state === "done" || rot.state === "abandoned") throw new RotationError(`This rotation is already ${rot.state}.`, "rotation-illegal");
  const oldKey = await getKey(rot.oldKeyId);
  if (!oldKey.hasSecrets) throw new RotationError("The old key's secrets are gone; finish the rotation instead of abandoning it.");
  const newKeyId = rot.newKeyId;
  const deleting = !!opts.deleteNewKey && !!newKeyId;
  if (deleting) await assertOldKeyAlive(rot, opts);
  if (deleting && rot.mode === "automated") await deleteNewKeyOnOkx(newKeyId!, opts);
  const orphans = rot.mode === "automated" && rot.state === "creating" ? await deleteCreateOrphans(rot, opts) : 0;
  const at = new Date().toISOString();
  const newLabel = newKeyId ? (await getKey(newKeyId)).label : null;
  const newKey = newKeyId ? (deleting ? "deleted" : "kept") : "none";
  await commit(rot, {
    to: "abandoned",
    step: "abandon",
    actor: opts.actor,
    data: (d) => ({ ...d, abandon: { at, newKey } }),
    detail: { newKeyId, newKey, ...(orphans ? { orphans } : {}) },
    extra: async (tx) => {
      if (!newKeyId) return;
      if (deleting) {
        await tx.apiKey.delete({ where: { id: newKeyId } });
        await recordEvent(
          {
            action: "key.delete",
            actor: opts.actor,
            keyId: newKeyId,
            keyLabel: newLabel ?? undefined,
            detail: { rotationId: rot.id, reason: "rotation abandoned" },
          },
          tx,
        );
      } else {
        const row = await tx.apiKey.findUnique({ where: { id: newKeyId }, select: { notes: true } });
        const mark = `Added by an abandoned rotation of “${rot.oldKeyLabel}” (${at.slice(0, 10)}). Both keys still work; delete one when you are sure.`;
        if (row) await tx.apiKey.update({ where: { id: newKeyId }, data: { notes: `${mark}\n${row.notes}`.trim().slice(0, 500) } });
      }
    },
  });
  if (deleting) await eraseOldPages();
}

/**
 * Deleting the new key is only safe while the old one still works: the old key may already be deleted on okx.com
 * (guided) or through the master key (automated, a delete whose confirmation failed). OKX answering it normally,
 * or with 50110 (it exists, this machine's IP is not on its list), is the proof.
 */
async function assertOldKeyAlive(rot: LoadedRotation, opts: RotationOptions): Promise<void> {
  const check = await checkKey(rot.oldKeyId, { actor: opts.actor, client: opts.client });
  if (check.outcome === "ok" || check.outcome === "ip_blocked") return;
  throw new RotationError(
    `The old key did not answer OKX normally (${check.code || check.outcome}), so the new key may be the only one that works: it is kept. ` +
      "Abandon without deleting the new key, or finish the rotation.",
    "rotation-old-key-gone",
  );
}

/**
 * Abandoning while a create may have reached OKX (its reply lost): a key under this attempt's OKX label is one
 * whose secret nobody has, so it goes. If OKX cannot be asked now, the abandon waits for a retry rather than
 * leaving such a key behind unnoticed.
 */
async function deleteCreateOrphans(rot: LoadedRotation, opts: RotationOptions): Promise<number | string> {
  const label = rot.data.okxLabel;
  const old = await getKey(rot.oldKeyId);
  const access = label ? await masterAccessOf(old, okxClient(opts)) : null;
  if (!label || !access) return 0;
  try {
    return (await deleteKeysLabelled(access, label)).length;
  } catch (e) {
    // A passing failure (network, OKX busy): try again later. A lasting one (the master may no longer manage
    // sub-account keys) must not trap the rotation: the abandon goes ahead and the log names the key to check.
    if (isOkxError(e) && e.retryable) {
      throw new RotationError(
        `Keywarden could not check OKX for a key this rotation may have created (${e.code || e.kind}: ${e.advice}). Try abandoning again in a moment.`,
        `okx-${e.code || e.kind}`,
      );
    }
    if (isOkxError(e)) return `not checked (${e.code || e.kind}): look for a key labelled ${label} on sub-account ${access.subAcct}`;
    throw e;
  }
}

async function deleteNewKeyOnOkx(newKeyId: string, opts: RotationOptions): Promise<void> {
  const found = await masterAccessFor(await getKey(newKeyId), okxClient(opts));
  if (found) await deleteIfListed(found.access, found.apiKey);
}
