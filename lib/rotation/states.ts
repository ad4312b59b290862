// The rotation state machine: which states exist, which moves between them are legal, and which wizard step each
// state shows. Pure, so the whole table is unit-tested and the UI and the store agree on it.

export const ROTATION_MODES = ["guided", "automated"] as const;
export type RotationMode = (typeof ROTATION_MODES)[number];

/**
 * planned         plan made; waiting for the new key (guided: the user enters it; automated: Keywarden creates it)
 * creating        automated only: intent to create persisted before the OKX call, so a crash can be reconciled
 * new_key_stored  the new key is stored encrypted (status "active") and linked; waiting for verification
 * verified        OKX confirmed the new key; waiting for every consumer to be switched
 * switched        every consumer ticked; waiting for the old key to be revoked
 * deleting        automated only: intent to delete the old key persisted before the OKX call
 * done            old key confirmed gone on OKX, retired, its secrets destroyed
 * abandoned       stopped by the user; the old key stays stored and working
 */
export const ROTATION_STATES = ["planned", "creating", "new_key_stored", "verified", "switched", "deleting", "done", "abandoned"] as const;
export type RotationState = (typeof ROTATION_STATES)[number];

export const TERMINAL_STATES: readonly RotationState[] = ["done", "abandoned"];

// Self-moves record progress that does not change the state (a ticked consumer, a refused verification, a retry).
const GUIDED: Record<RotationState, readonly RotationState[]> = {
  planned: ["planned", "new_key_stored", "abandoned"],
  creating: [],
  new_key_stored: ["new_key_stored", "verified", "abandoned"],
  verified: ["verified", "switched", "abandoned"],
  switched: ["switched", "done", "abandoned"],
  deleting: [],
  done: [],
  abandoned: [],
};

// Back to "planned" only when a created key whose secrets were lost before anyone copied them is deleted on OKX, so
// that another one can be created (the old key is untouched until "deleting").
const AUTOMATED: Record<RotationState, readonly RotationState[]> = {
  planned: ["planned", "creating", "abandoned"],
  creating: ["creating", "new_key_stored", "abandoned"],
  new_key_stored: ["new_key_stored", "verified", "planned", "abandoned"],
  verified: ["verified", "switched", "planned", "abandoned"],
  switched: ["switched", "deleting", "planned", "abandoned"],
  deleting: ["deleting", "done", "abandoned"],
  done: [],
  abandoned: [],
};

/**
 * Falling back from automated to guided is only possible before a new key is stored. In "creating" OKX may hold a
 * key whose reply was lost: the create step deletes such orphans before it tries again, and abandon does too.
 */
export const FALLBACK_STATES: readonly RotationState[] = ["planned", "creating"];

export function isRotationState(v: string): v is RotationState {
  return (ROTATION_STATES as readonly string[]).includes(v);
}

export function isRotationMode(v: string): v is RotationMode {
  return (ROTATION_MODES as readonly string[]).includes(v);
}

export function isTerminal(state: RotationState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function canTransition(mode: RotationMode, from: RotationState, to: RotationState): boolean {
  return (mode === "guided" ? GUIDED : AUTOMATED)[from].includes(to);
}

const STATE_WORDS: Record<RotationState, string> = {
  planned: "waiting for the new key",
  creating: "creating the new key",
  new_key_stored: "waiting for the new key to be verified",
  verified: "switching consumers",
  switched: "waiting for the old key to be revoked",
  deleting: "deleting the old key",
  done: "finished",
  abandoned: "abandoned",
};

export function describeState(state: RotationState): string {
  return STATE_WORDS[state];
}

/** Why a move is refused, in words for the page. null when it is allowed. */
export function transitionRefusal(mode: RotationMode, from: RotationState, to: RotationState): string | null {
  if (canTransition(mode, from, to)) return null;
  if (isTerminal(from)) return `This rotation is already ${STATE_WORDS[from]}; start a new one from the key's page.`;
  return `This step is not possible now: the rotation is ${STATE_WORDS[from]}. Reload the page to see where it stands.`;
}

export const STEP_IDS = ["plan", "new-key", "verify", "switch", "revoke", "done"] as const;
export type StepId = (typeof STEP_IDS)[number];

export function stepTitle(step: StepId, mode: RotationMode): string {
  switch (step) {
    case "plan":
      return "Plan";
    case "new-key":
      return mode === "automated" ? "Create the new key" : "Enter the new key";
    case "verify":
      return "Verify the new key";
    case "switch":
      return "Switch consumers";
    case "revoke":
      return mode === "automated" ? "Delete the old key" : "Revoke the old key";
    case "done":
      return "Done";
  }
}

/** The wizard step a state is waiting on. An abandoned rotation shows no current step. */
export function currentStep(state: RotationState): StepId | null {
  switch (state) {
    case "planned":
    case "creating":
      return "new-key";
    case "new_key_stored":
      return "verify";
    case "verified":
      return "switch";
    case "switched":
    case "deleting":
      return "revoke";
    case "done":
      return "done";
    case "abandoned":
      return null;
  }
}
