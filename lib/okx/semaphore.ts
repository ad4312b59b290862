// Caps how many OKX requests are on the wire at once (check-all), independently of rate pacing.

// Default cap for checking many keys; it only bounds sockets and memory. OKX's limit already caps each account at
// 5 account/config requests per window, so a window of 20 accounts is 100 requests. A lower cap spreads that
// window over several round trips, and the next window (which starts 2 s after each request) with it: in the
// bench (200 keys, 20 accounts, 50 ms latency) a cap of 16 costs 1.33x the rate-limit floor and 64 costs 1.19x.
export const DEFAULT_IN_FLIGHT = 100;

export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError("Semaphore size must be a positive integer");
  }

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      // Hand the permit straight to the next waiter so a newcomer cannot jump the queue.
      if (next) next();
      else this.active--;
    };
  }
}
