// Per-UID, per-endpoint sliding-log limiter: at most `limit` accepted requests in any `windowMs` span.
// Sliding (not fixed) windows are the strictest reading of OKX's "N requests per T", so a client that
// stays clean here also stays clean against a fixed-window server. Rejected requests are not counted.
// Each bucket is a ring of the last `limit` accept times, so a check is O(1).

export interface RateRule {
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private buckets = new Map<string, { ring: number[]; next: number }>();

  /** True when the request is allowed (and counted). */
  take(uid: string, endpoint: string, rule: RateRule, now: number): boolean {
    const id = `${uid}|${endpoint}`;
    let b = this.buckets.get(id);
    if (!b) {
      b = { ring: new Array<number>(rule.limit).fill(-Infinity), next: 0 };
      this.buckets.set(id, b);
    }
    // ring[next] is the oldest of the last `limit` accepted requests.
    if (now - b.ring[b.next] < rule.windowMs) return false;
    b.ring[b.next] = now;
    b.next = (b.next + 1) % rule.limit;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}
