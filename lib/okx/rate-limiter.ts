// Client-side pacing so Keywarden itself never triggers OKX's 50011.
//
// OKX limits private endpoints per User ID and per endpoint (e.g. account/config: 5 requests / 2 s).
// We keep a sliding window of request timestamps per (endpoint group, bucket). A sliding window is at
// least as strict as a fixed or token-bucket window of the same size, so staying under it satisfies
// whatever OKX really uses.
//
// Conservative timing: a slot counts as "now" for as long as its request is in flight and is stamped
// with the time the reply arrived (the latest moment OKX can have counted it), then blocks its window
// for windowMs + marginMs. Stamping at the reply already leaves a whole round trip of slack: OKX counted
// the request before answering, and our next one reaches OKX a one-way trip after we send it, so OKX sees
// the two at least window + round trip + margin apart. The 50 ms margin covers what that argument assumes
// away: OKX's gateways disagreeing on the time, timers firing a millisecond early. This holds whatever the
// network latency, at a cost: per UID the pace is `limit` per (window + round trip + margin), i.e. ~1.05x
// the floor on localhost and ~1.15x with a 250 ms round trip to OKX.
//
// Unknown UID policy (the caller has no uid hint, e.g. the very first check of a key): such a request
// could belong to ANY user ID, so it is charged to a shared "unknown" bucket *and* to every known UID
// window of that group, and a UID window created later is seeded with the unknown bucket's recent
// slots. Invariant: every UID's window contains every request that may have hit that UID, so we
// never cause 50011. The price is that unknown-UID requests run serially at one UID's rate (a first
// "check all" of 60 new keys takes ~24 s); after one successful reply the uid is known (callers pass
// it as uidHint, and the client also learns it per key), and keys of different UIDs then run in parallel.

export interface LimitRule {
  limit: number;
  windowMs: number;
}

/** OKX's documented limits (okx-api.md). Each endpoint has its own budget. */
export const OKX_LIMITS = {
  accountConfig: { limit: 5, windowMs: 2000 },
  // OKX's sub-account docs: 2 requests / 2 s per User ID (ccxt's cost 10 is about 1 / s).
  subaccountList: { limit: 2, windowMs: 2000 },
  subaccountApikeyGet: { limit: 20, windowMs: 2000 },
  subaccountApikeyCreate: { limit: 1, windowMs: 1000 },
  subaccountApikeyModify: { limit: 1, windowMs: 1000 },
  subaccountApikeyDelete: { limit: 1, windowMs: 1000 },
  // Public endpoints are limited per IP; one bucket for the whole process.
  publicTime: { limit: 10, windowMs: 2000 },
} as const satisfies Record<string, LimitRule>;

export type LimitGroup = keyof typeof OKX_LIMITS;

export interface LimiterClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/** One granted request. Call done() when its reply (or failure) arrives. */
export interface RateSlot {
  done(): void;
}

interface Slot extends RateSlot {
  /** Infinity while in flight; the reply's arrival time afterwards. */
  at: number;
}

const UNKNOWN = "\u0000unknown";
// While a slot is still in flight we cannot compute when it frees up: poll briefly.
const IN_FLIGHT_POLL_MS = 20;

export interface RateLimiterOptions {
  clock?: LimiterClock;
  /** Added to every window to absorb clock disagreement between OKX's servers and timer jitter (default 50). */
  marginMs?: number;
  rules?: Partial<Record<LimitGroup, LimitRule>>;
}

export class RateLimiter {
  private readonly clock: LimiterClock;
  readonly marginMs: number;
  private readonly rules: Record<LimitGroup, LimitRule>;
  private readonly windows = new Map<LimitGroup, Map<string, Set<Slot>>>();

  constructor(opts: RateLimiterOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.marginMs = opts.marginMs ?? 50;
    this.rules = { ...OKX_LIMITS, ...opts.rules };
  }

  rule(group: LimitGroup): LimitRule {
    return this.rules[group];
  }

  /** Waits until a request of `group` for `uid` (null = unknown) may be sent, and reserves it. */
  async acquire(group: LimitGroup, uid: string | null, signal?: AbortSignal): Promise<RateSlot> {
    for (;;) {
      signal?.throwIfAborted();
      const windows = this.windowsFor(group, uid);
      const now = this.clock.now();
      let wait = 0;
      for (const w of windows) wait = Math.max(wait, this.waitFor(group, w, now));
      if (wait <= 0) {
        const slot: Slot = {
          at: Number.POSITIVE_INFINITY,
          done: () => {
            if (slot.at === Number.POSITIVE_INFINITY) slot.at = this.clock.now();
          },
        };
        for (const w of windows) w.add(slot);
        return slot;
      }
      await this.clock.sleep(wait, signal);
    }
  }

  /**
   * Records that a request already sent turned out to belong to `uid` (learned from OKX's reply,
   * or a stale hint corrected), so later requests for that uid account for it.
   */
  attribute(group: LimitGroup, uid: string, slot: RateSlot): void {
    this.uidWindow(group, uid).add(slot as Slot);
  }

  /** How many requests currently count against a uid's window (for tests and diagnostics). */
  inWindow(group: LimitGroup, uid: string | null, at = this.clock.now()): number {
    const w = this.group(group).get(uid ?? UNKNOWN);
    if (!w) return 0;
    this.prune(group, w, at);
    return w.size;
  }

  private group(group: LimitGroup): Map<string, Set<Slot>> {
    let g = this.windows.get(group);
    if (!g) this.windows.set(group, (g = new Map()));
    return g;
  }

  private uidWindow(group: LimitGroup, uid: string): Set<Slot> {
    const g = this.group(group);
    let w = g.get(uid);
    if (!w) {
      // Seeded with recent unknown-UID requests: any of them may have been this uid.
      w = new Set(g.get(UNKNOWN) ?? []);
      g.set(uid, w);
    }
    return w;
  }

  private windowsFor(group: LimitGroup, uid: string | null): Set<Slot>[] {
    if (uid !== null) return [this.uidWindow(group, uid)];
    const g = this.group(group);
    if (!g.has(UNKNOWN)) g.set(UNKNOWN, new Set());
    return [...g.values()];
  }

  private prune(group: LimitGroup, w: Set<Slot>, now: number): void {
    const span = this.rules[group].windowMs + this.marginMs;
    for (const s of w) if (s.at + span <= now) w.delete(s);
  }

  /** 0 when a slot is free now, else how long to wait. */
  private waitFor(group: LimitGroup, w: Set<Slot>, now: number): number {
    this.prune(group, w, now);
    const { limit, windowMs } = this.rules[group];
    if (w.size < limit) return 0;
    // The window frees up when enough of the oldest slots expire to get below the limit.
    const times = [...w].map((s) => s.at).sort((a, b) => a - b);
    const freeing = times[w.size - limit];
    if (freeing === Number.POSITIVE_INFINITY) return IN_FLIGHT_POLL_MS;
    return Math.max(1, freeing + windowMs + this.marginMs - now);
  }
}
