import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RateLimiter } from "@/tests/okx-sim/rate-limiter";

describe("okx-sim RateLimiter (sliding log)", () => {
  it("never accepts more than `limit` requests in any window, for any arrival pattern", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 200 }), fc.integer({ min: 1, max: 6 }), (gaps, limit) => {
        const rl = new RateLimiter();
        const rule = { limit, windowMs: 2000 };
        let t = 0;
        const accepted: number[] = [];
        for (const g of gaps) {
          t += g;
          if (rl.take("u", "e", rule, t)) accepted.push(t);
        }
        for (let i = limit; i < accepted.length; i++) expect(accepted[i]! - accepted[i - limit]!).toBeGreaterThanOrEqual(2000);
      }),
    );
  });

  it("accepts whenever fewer than `limit` were accepted in the last window (no false 50011)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 200 }), (gaps) => {
        const rl = new RateLimiter();
        let t = 0;
        const accepted: number[] = [];
        for (const g of gaps) {
          t += g;
          const recent = accepted.filter((a) => t - a < 2000).length;
          expect(rl.take("u", "e", { limit: 5, windowMs: 2000 }, t)).toBe(recent < 5);
          if (recent < 5) accepted.push(t);
        }
      }),
    );
  });

  it("keeps UIDs and endpoints apart", () => {
    const rl = new RateLimiter();
    const rule = { limit: 1, windowMs: 1000 };
    expect(rl.take("a", "create", rule, 0)).toBe(true);
    expect(rl.take("a", "create", rule, 10)).toBe(false);
    expect(rl.take("b", "create", rule, 10)).toBe(true);
    expect(rl.take("a", "delete", rule, 10)).toBe(true);
  });
});
