// How one check of a key went, as stored on its Check row. The audit rules read these words; OKX's own code and
// message are kept beside them.
import { isOneOf } from "./is-one-of";

export const CHECK_OUTCOMES = ["ok", "auth_error", "ip_blocked", "rate_limited", "network_error", "error"] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const isCheckOutcome = isOneOf(CHECK_OUTCOMES);

/** A stored outcome; a value Keywarden did not write (hand-edited database, a newer version) reads as a generic error. */
export function parseCheckOutcome(value: string): CheckOutcome {
  return isCheckOutcome(value) ? value : "error";
}
