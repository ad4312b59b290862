// The sim clock runs with real time plus an offset, so rate-limit windows elapse naturally while tests can
// jump days ahead (14-day rule) or back. skewMs shifts only the server's own view of "now" (the reported
// /public/time and the 30 s timestamp window), leaving key ages alone: that is the clock-skew fault.

export interface SimClock {
  /** Sim time in ms: the basis of key ages, created-key ts and rate-limit windows. */
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
  /** Extra offset of the server clock (reported time and the 30 s window). */
  skewMs: number;
  /** now() + skewMs: what the server believes the time is. */
  serverNow(): number;
}

/** onBackwards runs when the clock is moved back (rate windows would otherwise hold future-dated entries). */
export function createClock(onBackwards: () => void): SimClock {
  let offset = 0;
  return {
    skewMs: 0,
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
      if (ms < 0) onBackwards();
    },
    set(ms: number) {
      const before = offset;
      offset = ms - Date.now();
      if (offset < before) onBackwards();
    },
    serverNow() {
      return Date.now() + offset + this.skewMs;
    },
  };
}
