// Where the automated rotation's one-time reveal stands, from the rotation's data alone (no secret is ever in it).
// Shared by the steps that must wait for "I have copied them" and by the wizard's view.
import type { RotationData } from "./rotation-data";
import { RotationError } from "./rotation-store";
import type { RotationMode, RotationState } from "./states";

/**
 * pending    created, not shown yet: the one reveal is still to come
 * shown      shown once and not confirmed: on screen in the tab that revealed them, or lost (reload, closed tab)
 * confirmed  the user said they copied them, for this very key
 * null       nothing to reveal (guided, no new key yet, or the rotation ended)
 */
export type RevealPhase = "pending" | "shown" | "confirmed";

interface RevealFacts {
  mode: RotationMode;
  state: RotationState;
  newKeyId: string | null;
  data: Pick<RotationData, "revealed" | "revealConfirmed">;
}

export function revealPhase(rot: RevealFacts): RevealPhase | null {
  if (rot.mode !== "automated" || !rot.newKeyId || rot.state === "done" || rot.state === "abandoned") return null;
  // A key created before the reveal was tracked has nothing to confirm.
  if (rot.data.revealed === undefined) return null;
  if (!rot.data.revealed) return "pending";
  return rot.data.revealConfirmed?.keyId === rot.newKeyId ? "confirmed" : "shown";
}

/** Switching consumers and deleting the old key wait until the new key's secrets are known to be kept somewhere. */
export function requireSecretsCopied(rot: RevealFacts): void {
  const phase = revealPhase(rot);
  if (phase === "pending") {
    throw new RotationError("Reveal and copy the new key's secrets first: the consumers cannot switch without them.", "rotation-not-revealed");
  }
  if (phase === "shown") {
    throw new RotationError(
      "Confirm that you copied the new key's secrets first (or, if they were lost, create another new key). Until then the old key is kept and the consumers stay on it.",
      "rotation-not-confirmed",
    );
  }
}
