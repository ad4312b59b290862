// One linear pass over a key's checks: no sort, so 1,000 keys × 50 checks stays well under the budget.
// The caller's order is irrelevant; ties on `at` are broken by the higher id (the later insert).
import { isValidDate } from "./time";
import type { AuditCheck } from "./types";

export interface CheckHistory {
  /** Newest check of any outcome. */
  latest: AuditCheck | null;
  /**
   * Newest check that says something about the key itself. network_error and rate_limited only say
   * something about the network or our own pacing, so they do not hide an earlier dead-key answer.
   */
  latestConclusive: AuditCheck | null;
  /** Newest and second-newest successful ("ok") checks: the source of perm / ip / label. */
  lastOk: AuditCheck | null;
  prevOk: AuditCheck | null;
  /** Newest check proving the key exists: ok, or ip_blocked (50110: the key exists, this IP is not allowed). */
  lastReached: AuditCheck | null;
}

export function isNewer(a: AuditCheck, b: AuditCheck): boolean {
  const ta = a.at.getTime();
  const tb = b.at.getTime();
  return ta > tb || (ta === tb && a.id > b.id);
}

export function summarizeChecks(checks: readonly AuditCheck[]): CheckHistory {
  let latest: AuditCheck | null = null;
  let latestConclusive: AuditCheck | null = null;
  let lastOk: AuditCheck | null = null;
  let prevOk: AuditCheck | null = null;
  let lastReached: AuditCheck | null = null;
  for (const c of checks) {
    if (!isValidDate(c.at)) continue;
    if (!latest || isNewer(c, latest)) latest = c;
    if (c.outcome !== "network_error" && c.outcome !== "rate_limited") {
      if (!latestConclusive || isNewer(c, latestConclusive)) latestConclusive = c;
    }
    if (c.outcome === "ok") {
      if (!lastOk || isNewer(c, lastOk)) {
        prevOk = lastOk;
        lastOk = c;
      } else if (!prevOk || isNewer(c, prevOk)) {
        prevOk = c;
      }
    }
    if (c.outcome === "ok" || c.outcome === "ip_blocked") {
      if (!lastReached || isNewer(c, lastReached)) lastReached = c;
    }
  }
  return { latest, latestConclusive, lastOk, prevOk, lastReached };
}
