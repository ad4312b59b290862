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

export function createClock(onJump: () => void): SimClock {
  let offset = 0;
  return {
    skewMs: 0,
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
      onJump();
    },
    set(ms: number) {
      offset = ms - Date.now();
      onJump();
    },
    serverNow() {
      return Date.now() + offset + this.skewMs;
    },
  };
}
