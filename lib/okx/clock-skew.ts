// OKX rejects requests whose timestamp is more than 30 s from its own clock (50102). We measure the
// difference with GET /api/v5/public/time and shift our timestamps by it. Measurements are cached per
// base URL for a few minutes: clocks drift slowly and every measurement costs a request.

/**
 * From how far apart the clocks are worth telling the user about (ms). The client corrects any skew for
 * its own requests, but OKX rejects requests more than 30 s off (50102): a few seconds of drift means the
 * machine is not syncing its clock, and the bots that use the same key from it may not correct like we do.
 */
export const NOTABLE_SKEW_MS = 5_000;

export function isNotableSkew(skewMs: number | null | undefined): skewMs is number {
  return typeof skewMs === "number" && Math.abs(skewMs) >= NOTABLE_SKEW_MS;
}

/** server − local, taking the midpoint of the round trip as the moment the server stamped its reply. */
export function skewFromSample(sentAt: number, receivedAt: number, serverTs: number): number {
  return Math.round(serverTs - (sentAt + receivedAt) / 2);
}

export interface ClockSkewCacheOptions {
  ttlMs?: number;
  now?: () => number;
}

export class ClockSkewCache {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, { skewMs: number; measuredAt: number }>();
  private readonly pending = new Map<string, Promise<number>>();

  constructor(opts: ClockSkewCacheOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** The last fresh measurement for baseUrl, or null. */
  get(baseUrl: string): number | null {
    const e = this.entries.get(baseUrl);
    if (!e || this.now() - e.measuredAt >= this.ttlMs) return null;
    return e.skewMs;
  }

  /** The last measurement even if stale (to explain a 50102), or null if never measured. */
  lastKnown(baseUrl: string): number | null {
    return this.entries.get(baseUrl)?.skewMs ?? null;
  }

  set(baseUrl: string, skewMs: number): void {
    this.entries.set(baseUrl, { skewMs, measuredAt: this.now() });
  }

  invalidate(baseUrl: string): void {
    const e = this.entries.get(baseUrl);
    if (e) e.measuredAt = Number.NEGATIVE_INFINITY;
  }

  /** Cached skew, or one shared measurement however many callers ask at once. */
  async getOrMeasure(baseUrl: string, measure: () => Promise<number>): Promise<number> {
    const cached = this.get(baseUrl);
    if (cached !== null) return cached;
    let p = this.pending.get(baseUrl);
    if (!p) {
      p = measure()
        .then((skew) => {
          this.set(baseUrl, skew);
          return skew;
        })
        .finally(() => this.pending.delete(baseUrl));
      this.pending.set(baseUrl, p);
    }
    return p;
  }
}
