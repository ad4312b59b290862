import "server-only";
// The last step: OKX no longer knows the old key, so it is retired and its secrets destroyed in the same
// transaction as "done". Only reachable after the new key was stored and verified, so at no point are both lost.
import { recordEvent } from "@/lib/event-log/record";
import { eraseOldPages } from "@/lib/db/client";
import { commit, RotationError, type LoadedRotation } from "./rotation-store";
import type { Actor } from "@/lib/event-log/record";

export async function finishRotation(rot: LoadedRotation, evidence: { code: string; how: string }, actor?: Actor): Promise<LoadedRotation> {
  if (!rot.newKeyId) throw new RotationError("The new key is missing, so the old key's secrets cannot be destroyed. Abandon this rotation instead.");
  const done = await commit(rot, {
    to: "done",
    step: "done",
    actor,
    detail: { newKeyId: rot.newKeyId, evidence: evidence.how, code: evidence.code },
    extra: async (tx) => {
      const newKey = await tx.apiKey.findUnique({ where: { id: rot.newKeyId! }, select: { secretEnc: true, status: true } });
      if (!newKey?.secretEnc || newKey.status !== "active")
        throw new RotationError("The new key is no longer stored, so the old key's secrets are kept. Abandon this rotation instead.");
      await tx.apiKey.update({ where: { id: rot.oldKeyId }, data: { status: "retired", secretEnc: null, passphraseEnc: null } });
      await recordEvent(
        {
          action: "key.retire",
          actor,
          keyId: rot.oldKeyId,
          keyLabel: rot.oldKeyLabel,
          detail: { rotationId: rot.id, credentialsDestroyed: true, replacedBy: rot.newKeyId },
        },
        tx,
      );
    },
  });
  await eraseOldPages();
  return done;
}
