// What the owner says a key is for. Keywarden's own word, never sent to OKX: the audit compares it with the
// permissions OKX reports, and rotation gives the new key no more than it needs.
import { isOneOf } from "./is-one-of";

export const PURPOSES = ["read", "trade", "withdraw"] as const;
export type Purpose = (typeof PURPOSES)[number];

export const PURPOSE_LABELS: Record<Purpose, string> = {
  read: "Read-only tracking (portfolio, tax, alerts)",
  trade: "Trading bot",
  withdraw: "Withdrawals (moves funds out)",
};

export const isPurpose = isOneOf(PURPOSES);

/** The key named by its purpose inside a sentence ("a trading-bot key"). */
export function purposeNoun(purpose: Purpose): string {
  return purpose === "read" ? "read-only tracker" : purpose === "trade" ? "trading-bot key" : "withdrawal key";
}
