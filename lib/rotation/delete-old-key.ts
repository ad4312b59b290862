import "server-only";
// Step 5 (automated): delete the old key through the master key. Skipped on OKX when the master's list no longer
// has the old key (a retry after a lost reply); "done" only after the host that answered for the old key before
// says it does not exist (50119), so the old secrets are destroyed on proof only.
import { checkKey } from "@/lib/checks/check-key";
import type { CheckDto } from "@/lib/checks/check-dto";
import { loadKeyCredentials, type KeyCredentials } from "@/lib/keys/credentials";
import { isOkxError } from "@/lib/okx/errors";
import { deleteAndConfirmGone, isListed } from "@/lib/master-key";
import { finishRotation } from "./finish";
import { commit, loadRotation, RotationError, type LoadedRotation } from "./rotation-store";
import { okxFailure, recordError, requireState, type RotationOptions } from "./rotation-context";
import { automatedAccess, type AutomatedAccess } from "./automated-access";
import { provesOldKeyGone } from "./old-key-gone";
import { requireSecretsCopied } from "./reveal-rules";
import { oneAtATime } from "./rotation-lock";

export interface DeleteOldResult {
  done: boolean;
  message: string;
}

/** Step 5 (automated): delete the old key through the master key and confirm OKX no longer knows it. */
export function deleteOldKey(rotationId: string, opts: RotationOptions = {}): Promise<DeleteOldResult> {
  return oneAtATime(rotationId, () => deleteOldKeyNow(rotationId, opts));
}

async function deleteOldKeyNow(rotationId: string, opts: RotationOptions): Promise<DeleteOldResult> {
  let rot = await loadRotation(rotationId);
  requireState(rot, "switched", "deleting");
  requireSecretsCopied(rot);
  const ctx = await automatedAccess(rot, opts);
  if (rot.state === "switched") rot = await commit(rot, { to: "deleting", step: "delete-intent", actor: opts.actor, detail: {} });
  const oldCreds = await loadKeyCredentials(rot.oldKeyId);
  const unlisted = await deleteThroughMaster(rot, ctx, oldCreds, opts);
  if (unlisted) return unlisted;
  const check = await checkKey(rot.oldKeyId, { actor: opts.actor, client: opts.client });
  // Gone from the listing AND 50119 from the host that answered for the old key before: only then is it deleted.
  if (!(await provesOldKeyGone(check))) {
    const message = notProvenGone(check);
    await recordError(await loadRotation(rotationId), "delete", message, opts);
    return { done: false, message };
  }
  rot = await loadRotation(rotationId);
  await finishRotation(rot, { code: check.code, how: "deleted via the master key; gone from the sub-account list; account/config refused" }, opts.actor);
  return { done: true, message: `The old key is deleted on OKX (${check.code}), retired, and its secrets are destroyed.` };
}

/** Deletes the old key if listed and confirms the listing lost it; a result to return when it did not. */
async function deleteThroughMaster(
  rot: LoadedRotation,
  ctx: AutomatedAccess,
  oldCreds: KeyCredentials,
  opts: RotationOptions,
): Promise<DeleteOldResult | null> {
  try {
    const { gone } = await deleteAndConfirmGone(ctx.access, oldCreds.apiKey, () => assertNewKeyAlive(rot, ctx));
    if (gone) return null;
    const message = "OKX still lists the old key after deleting it. Try this step again in a moment.";
    await recordError(rot, "delete", message, opts);
    return { done: false, message };
  } catch (e) {
    if (isOkxError(e)) {
      const err = okxFailure("Deleting the old key", e);
      await recordError(rot, "delete", err.userMessage, opts);
      throw err;
    }
    throw e;
  }
}

/**
 * The old key goes only while its replacement is still stored here and still on OKX: the new key may have been
 * deleted on okx.com, or its row removed, since it was verified. Deleting the old one then would leave nothing.
 */
async function assertNewKeyAlive(rot: LoadedRotation, ctx: AutomatedAccess): Promise<void> {
  const refuse = (why: string) =>
    new RotationError(`${why} The old key is kept, untouched. Abandon this rotation and start a new one.`, "rotation-new-key-gone");
  if (!rot.newKeyId) throw refuse("The new key is no longer stored in Keywarden.");
  let fresh: KeyCredentials;
  try {
    fresh = await loadKeyCredentials(rot.newKeyId);
  } catch {
    throw refuse("The new key is no longer stored in Keywarden.");
  }
  if (!(await isListed(ctx.access, fresh.apiKey))) throw refuse(`OKX no longer lists the new key on sub-account ${ctx.access.subAcct}.`);
}

function notProvenGone(check: CheckDto): string {
  return check.code === "50119"
    ? "OKX no longer lists the old key, but the host that answered its check (50119) never answered for it before, so that does not prove it deleted. Its secrets are kept; try this step again in a moment."
    : `OKX no longer lists the old key, but it still answered a check (${check.code || check.outcome}). Try this step again in a moment.`;
}
