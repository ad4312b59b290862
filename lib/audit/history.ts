// One linear pass over a key's checks: no sort, so 1,000 keys × 50 checks stays well under the budget.
// The caller's order is irrelevant; ties on `at` are broken by the higher id (the later insert).
import type { AuditCheck } from "./types";

export interface CheckHistory {
  /** Newest check of any outcome. */
  latest: AuditCheck | null;
  /**
   * Newest check that says something about the key itself. A network error, a rate limit, an OKX server error
   * or a bad reply (no code), the machine's clock being off (50102) and a request Keywarden built wrong
   * (50103/50104/50106/50107/50112) say nothing about the key, so they do not hide an earlier dead-key or
   * wrong-secret answer.
   */
  latestConclusive: AuditCheck | null;
  /** Newest and second-newest successful ("ok") checks: the source of perm / ip / label. */
  lastOk: AuditCheck | null;
  prevOk: AuditCheck | null;
  /** Newest check proving the key exists: ok, or ip_blocked (50110: the key exists, this IP is not allowed). */
  lastReached: AuditCheck | null;
}

const SAYS_NOTHING_ABOUT_THE_KEY = new Set(["50102", "50103", "50104", "50106", "50107", "50112"]);

function isConclusive(c: AuditCheck): boolean {
  if (c.outcome === "ok" || c.outcome === "ip_blocked") return true;
  if (c.outcome === "network_error" || c.outcome === "rate_limited") return false;
  return c.code !== "" && !SAYS_NOTHING_ABOUT_THE_KEY.has(c.code);
}

export function isNewer(a: AuditCheck, b: AuditCheck): boolean {
  const ta = a.at.getTime();
  const tb = b.at.getTime();
  return ta > tb || (ta === tb && a.id > b.id);
}

export function summarizeChecks(checks: readonly AuditCheck[]): CheckHistory {
  // Times are read once per check; the "best so far" times are kept alongside (this runs 50k times a vault).
  let latest: AuditCheck | null = null;
  let latestT = 0;
  let conclusive: AuditCheck | null = null;
  let conclusiveT = 0;
  let lastOk: AuditCheck | null = null;
  let lastOkT = 0;
  let prevOk: AuditCheck | null = null;
  let prevOkT = 0;
  let reached: AuditCheck | null = null;
  let reachedT = 0;
  const newer = (t: number, c: AuditCheck, bestT: number, best: AuditCheck | null) => best === null || t > bestT || (t === bestT && c.id > best.id);
  for (const c of checks) {
    const t = c.at instanceof Date ? c.at.getTime() : NaN;
    if (Number.isNaN(t)) continue;
    if (newer(t, c, latestT, latest)) {
      latest = c;
      latestT = t;
    }
    const o = c.outcome;
    if (isConclusive(c) && newer(t, c, conclusiveT, conclusive)) {
      conclusive = c;
      conclusiveT = t;
    }
    if (o === "ok") {
      if (newer(t, c, lastOkT, lastOk)) {
        prevOk = lastOk;
        prevOkT = lastOkT;
        lastOk = c;
        lastOkT = t;
      } else if (newer(t, c, prevOkT, prevOk)) {
        prevOk = c;
        prevOkT = t;
      }
    }
    if ((o === "ok" || o === "ip_blocked") && newer(t, c, reachedT, reached)) {
      reached = c;
      reachedT = t;
    }
  }
  return { latest, latestConclusive: conclusive, lastOk, prevOk, lastReached: reached };
}
