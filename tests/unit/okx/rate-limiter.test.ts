import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OKX_LIMITS, RateLimiter, type RateSlot } from "@/lib/okx/rate-limiter";
import { FakeClock, flush } from "./fake-clock";

/** Starts `n` acquisitions and records when each is granted. Requests complete instantly. */
function fire(limiter: RateLimiter, clock: FakeClock, uid: string | null, n: number, grants: number[], group = "accountConfig" as const) {
  return Array.from({ length: n }, () =>
    limiter.acquire(group, uid).then((slot) => {
      grants.push(clock.now());
      slot.done();
    }),
  );
}

describe("RateLimiter", () => {
  it("lets 5 account/config requests per uid through at once, then waits out the window plus margin", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, marginMs: 100 });
    const t0 = clock.now();
    const grants: number[] = [];
    const all = fire(limiter, clock, "u1", 12, grants);
    await flush();
    expect(grants).toHaveLength(5);
    await clock.advance(2099);
    expect(grants).toHaveLength(5);
    await clock.advance(1);
    expect(grants).toHaveLength(10);
    await clock.advance(2100);
    await Promise.all(all);
    expect(grants.map((t) => t - t0)).toEqual([0, 0, 0, 0, 0, 2100, 2100, 2100, 2100, 2100, 4200, 4200]);
  });

  it("makes a late arrival wait for the oldest slot to leave the window", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, marginMs: 100 });
    const t0 = clock.now();
    const grants: number[] = [];
    fire(limiter, clock, "u1", 5, grants);
    await clock.advance(1900);
    const late = fire(limiter, clock, "u1", 1, grants);
    await clock.advance(199);
    expect(grants).toHaveLength(5);
    await clock.advance(1);
    await Promise.all(late);
    expect(grants[5] - t0).toBe(2100);
  });

  it("runs different uids in parallel", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, marginMs: 100 });
    const grants: number[] = [];
    fire(limiter, clock, "a", 5, grants);
    fire(limiter, clock, "b", 5, grants);
    fire(limiter, clock, "c", 5, grants);
    await flush();
    expect(grants).toHaveLength(15);
  });

  it("counts a slot from when its reply arrived, and blocks while it is in flight", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, marginMs: 0 });
    const slots: RateSlot[] = [];
    for (let i = 0; i < 5; i++) slots.push(await limiter.acquire("accountConfig", "u"));
    let granted = false;
    void limiter.acquire("accountConfig", "u").then(() => (granted = true));
    await clock.advance(5000); // replies still outstanding: nothing frees up
    expect(granted).toBe(false);
    slots.forEach((s) => s.done());
    await clock.advance(1999);
    expect(granted).toBe(false);
    await clock.advance(30);
    expect(granted).toBe(true);
  });

  it("uses each endpoint's own limit", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, marginMs: 0 });
    const list: number[] = [];
    const create: number[] = [];
    fire(limiter, clock, "m", 25, list, "subaccountApikeyGet" as never);
    fire(limiter, clock, "m", 3, create, "subaccountApikeyCreate" as never);
    await flush();
    expect(list).toHaveLength(OKX_LIMITS.subaccountApikeyGet.limit);
    expect(create).toHaveLength(1);
    await clock.advance(1000);
    expect(create).toHaveLength(2);
    await clock.advance(1000);
    expect(list).toHaveLength(25);
    expect(create).toHaveLength(3);
  });

  it("unknown-uid requests share one bucket and count against every known uid", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, marginMs: 0 });
    const known: number[] = [];
    fire(limiter, clock, "u1", 3, known);
    await flush();
    const unknown: number[] = [];
    fire(limiter, clock, null, 4, unknown);
    await flush();
    // u1 already has 3 in its window: an unknown request might be u1, so only 2 more may go.
    expect(unknown).toHaveLength(2);
    // And u1 itself is now full because of them.
    const more: number[] = [];
    fire(limiter, clock, "u1", 1, more);
    await flush();
    expect(more).toHaveLength(0);
    await clock.advance(2000);
    expect(unknown.length + more.length).toBe(5);
  });

  it("seeds a newly seen uid with recent unknown-uid requests", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, marginMs: 0 });
    const unknown: number[] = [];
    fire(limiter, clock, null, 5, unknown);
    await flush();
    expect(unknown).toHaveLength(5);
    // Those five may all have been uid "fresh": it must wait for the window too.
    const fresh: number[] = [];
    fire(limiter, clock, "fresh", 1, fresh);
    await flush();
    expect(fresh).toHaveLength(0);
    await clock.advance(2000);
    expect(fresh).toHaveLength(1);
  });

  it("attribute() charges an already-sent request to the uid it turned out to be", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, marginMs: 0 });
    const slot = await limiter.acquire("accountConfig", "stale-hint");
    slot.done();
    limiter.attribute("accountConfig", "real", slot);
    expect(limiter.inWindow("accountConfig", "real")).toBe(1);
    await clock.advance(2000);
    expect(limiter.inWindow("accountConfig", "real")).toBe(0);
  });

  it("aborts a waiting acquisition", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    for (let i = 0; i < 5; i++) (await limiter.acquire("accountConfig", "u")).done();
    const ac = new AbortController();
    const p = limiter.acquire("accountConfig", "u", ac.signal);
    await flush();
    ac.abort(new Error("stop"));
    await expect(p).rejects.toThrow("stop");
  });

  it("never grants more than the limit in any window, whatever the mix of uids (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            uid: fc.option(fc.constantFrom("a", "b", "c"), { nil: null }),
            at: fc.integer({ min: 0, max: 4000 }),
            dur: fc.integer({ min: 0, max: 800 }),
          }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        async (reqs) => {
          const clock = new FakeClock(0);
          const limiter = new RateLimiter({ clock, marginMs: 0 });
          // Each request: arrives at `at`, is in flight for `dur`. The server sees it at some point in flight.
          const sent: { uid: string | null; start: number; end: number }[] = [];
          const tasks = reqs.map(async (r) => {
            await clock.sleep(r.at);
            const slot = await limiter.acquire("accountConfig", r.uid);
            const start = clock.now();
            await clock.sleep(r.dur);
            slot.done();
            sent.push({ uid: r.uid, start, end: clock.now() });
          });
          for (let i = 0; i < 400 && sent.length < reqs.length; i++) await clock.advance(50);
          await Promise.all(tasks);
          // Worst case the server counts each at its reply time; unknown ones may be any uid.
          for (const uid of ["a", "b", "c"]) {
            const mine = sent.filter((s) => s.uid === uid || s.uid === null);
            // The busiest 2 s window starts right at some request's reply time.
            for (const x of mine.map((s) => s.end)) {
              const inWin = mine.filter((o) => o.end >= x && o.start < x + 2000);
              expect(inWin.length).toBeLessThanOrEqual(5);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
