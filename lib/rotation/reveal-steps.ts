import "server-only";
// The automated rotation's one-time reveal and what follows it. The secrets are shown once and never sent again, so the
// rotation waits for the user to say they copied them before any consumer is switched or the old key deleted.
// If they were lost before that (a reload, a closed tab), nobody has the new key's secret: the way out deletes that
// key on OKX (confirmed by the master key's listing), forgets it here, and creates another one to reveal.
import { getKey } from "@/lib/keys/key-store";
import { loadKeyCredentials } from "@/lib/keys/credentials";
import { recordEvent } from "@/lib/event-log/record";
import { eraseOldPages } from "@/lib/db/client";
import { isOkxError } from "@/lib/okx/errors";
import { deleteAndConfirmGone } from "@/lib/master-key";
import { commit, loadRotation, RotationError, type LoadedRotation } from "./rotation-store";
import { createNewKeyNow, type CreateResult } from "./create-new-key";
import { automatedAccess } from "./automated-access";
import { oneAtATime } from "./rotation-lock";
import { revealPhase } from "./reveal-rules";
import type { RotationOptions } from "./rotation-context";

export interface RevealedSecrets {
  /** The Keywarden key the secrets belong to: "I have copied them" names it, so a replaced key cannot be confirmed. */
  keyId: string;
  apiKey: string;
  secretKey: string;
  passphrase: string;
}

/** Shows the generated secret once: the flag is committed before the secrets leave, so a second call gets nothing. */
export async function revealNewSecret(rotationId: string, opts: RotationOptions = {}): Promise<RevealedSecrets> {
  const rot = await loadRotation(rotationId);
  if (rot.mode !== "automated" || !rot.newKeyId) throw new RotationError("There is no generated secret to show for this rotation.");
  if (rot.data.revealed !== false || rot.state === "done" || rot.state === "abandoned") {
    throw new RotationError(
      "The new key's secret was already shown once and is never shown again. If you did not copy it, create another new key on this step (the unrevealed one is deleted on OKX).",
      "rotation-revealed",
    );
  }
  const creds = await loadKeyCredentials(rot.newKeyId);
  await commit(rot, { to: rot.state, step: "secret-revealed", actor: opts.actor, data: (d) => ({ ...d, revealed: true }), detail: { newKeyId: rot.newKeyId } });
  return { keyId: rot.newKeyId, apiKey: creds.apiKey, secretKey: creds.secretKey, passphrase: creds.passphrase };
}

function requireAutomated(rot: LoadedRotation) {
  if (rot.mode !== "automated" || !rot.newKeyId) throw new RotationError("There is no generated secret to confirm for this rotation.");
}

/**
 * "I have copied them", for the key whose secrets the browser was shown. A tab that still shows the secrets of a
 * key another tab has since replaced is refused: those secrets no longer open anything.
 */
export function confirmSecretsCopied(rotationId: string, keyId: string, opts: RotationOptions = {}): Promise<void> {
  return oneAtATime(rotationId, async () => {
    const rot = await loadRotation(rotationId);
    requireAutomated(rot);
    if (rot.newKeyId !== keyId) {
      throw new RotationError(
        "These secrets belong to a key that was replaced meanwhile (in another tab or window): they no longer work. Reload the page and reveal the new key's secrets.",
        "rotation-reveal-stale",
      );
    }
    const phase = revealPhase(rot);
    if (phase === "confirmed") return;
    if (phase !== "shown") throw new RotationError("Reveal the new key's secrets first.", "rotation-not-revealed");
    const at = new Date().toISOString();
    await commit(rot, {
      to: rot.state,
      step: "secret-copied",
      actor: opts.actor,
      data: (d) => ({ ...d, revealConfirmed: { at, keyId } }),
      detail: { newKeyId: keyId },
    });
  });
}

const REPLACEABLE: readonly LoadedRotation["state"][] = ["new_key_stored", "verified", "switched"];

/** The secrets were shown and lost before anyone copied them: delete that key on OKX and create another one. */
export function replaceUnrevealedKey(rotationId: string, opts: RotationOptions = {}): Promise<CreateResult> {
  return oneAtATime(rotationId, async () => {
    const rot = await loadRotation(rotationId);
    requireAutomated(rot);
    const phase = revealPhase(rot);
    if (phase === "pending") throw new RotationError("The new key's secrets have not been shown yet: reveal them instead.", "rotation-not-revealed");
    if (phase !== "shown" || !REPLACEABLE.includes(rot.state)) {
      throw new RotationError(
        "The new key can no longer be replaced here: you confirmed you copied its secrets. Abandon the rotation to start over.",
        "rotation-illegal",
      );
    }
    await deleteOnOkxConfirmed(rot, opts);
    const lostId = rot.newKeyId!;
    const lost = await getKey(lostId);
    const at = new Date().toISOString();
    await commit(rot, {
      to: "planned",
      step: "unrevealed-key-deleted",
      actor: opts.actor,
      newKeyId: null,
      data: (d) => ({
        ...d,
        revealed: undefined,
        revealConfirmed: undefined,
        verification: undefined,
        override: undefined,
        lastError: undefined,
        okxLabel: undefined,
        pendingKeyLabel: undefined,
        consumers: d.consumers.map((c) => ({ name: c.name, host: c.host, done: false })),
        discarded: [...(d.discarded ?? []), { at, keyId: lostId, fingerprint: lost.fingerprint }],
      }),
      detail: { deletedKeyId: lostId, fingerprint: lost.fingerprint, reason: "secrets shown once and not copied" },
      extra: async (tx) => {
        await tx.apiKey.delete({ where: { id: lostId } });
        await recordEvent(
          {
            action: "key.delete",
            actor: opts.actor,
            keyId: lostId,
            keyLabel: lost.label,
            detail: { rotationId: rot.id, reason: "secrets lost before they were copied; deleted on OKX" },
          },
          tx,
        );
      },
    });
    await eraseOldPages();
    return createNewKeyNow(rotationId, { ips: (rot.data.createIps ?? []).join(", ") }, opts);
  });
}

/** Deletes the rotation's new key through the master key; done only once the master's listing no longer has it. */
async function deleteOnOkxConfirmed(rot: LoadedRotation, opts: RotationOptions): Promise<void> {
  const { access } = await automatedAccess(rot, opts);
  const lost = await loadKeyCredentials(rot.newKeyId!);
  try {
    const { gone } = await deleteAndConfirmGone(access, lost.apiKey);
    if (!gone)
      throw new RotationError("OKX still lists the new key after deleting it. Nothing was changed here; try again in a moment.", "rotation-delete-pending");
  } catch (e) {
    if (isOkxError(e)) {
      throw new RotationError(
        `Deleting the unrevealed key failed: OKX ${e.code ? `error ${e.code}` : e.kind}: ${e.advice} Nothing was changed here; you can try again.`,
        `okx-${e.code || e.kind}`,
      );
    }
    throw e;
  }
}
