// How one check of a key went, as stored on its Check row. The audit rules read these words; OKX's own code and
// message are kept beside them.

export const CHECK_OUTCOMES = ["ok", "auth_error", "ip_blocked", "rate_limited", "network_error", "error"] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export function isCheckOutcome(value: unknown): value is CheckOutcome {
  return typeof value === "string" && (CHECK_OUTCOMES as readonly string[]).includes(value);
}

/** A stored outcome; a value Keywarden did not write (hand-edited database, a newer version) reads as a generic error. */
export function parseCheckOutcome(value: string): CheckOutcome {
  return isCheckOutcome(value) ? value : "error";
}
