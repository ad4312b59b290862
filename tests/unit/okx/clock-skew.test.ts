import { describe, expect, it } from "vitest";
import { ClockSkewCache, skewFromSample } from "@/lib/okx/clock-skew";

describe("clock skew", () => {
  it("uses the midpoint of the round trip", () => {
    // Sent at 1000, answered at 1200 (local); server stamped 41_100 → server is 40 s ahead.
    expect(skewFromSample(1000, 1200, 41_100)).toBe(40_000);
    expect(skewFromSample(1000, 1000, 0)).toBe(-1000);
  });

  it("caches per base URL for the TTL and shares one measurement", async () => {
    let now = 0;
    let measured = 0;
    const cache = new ClockSkewCache({ ttlMs: 60_000, now: () => now });
    const measure = async () => {
      measured++;
      return 5000;
    };
    const [a, b] = await Promise.all([cache.getOrMeasure("http://x", measure), cache.getOrMeasure("http://x", measure)]);
    expect([a, b, measured]).toEqual([5000, 5000, 1]);
    await cache.getOrMeasure("http://y", measure);
    expect(measured).toBe(2);
    now = 59_999;
    await cache.getOrMeasure("http://x", measure);
    expect(measured).toBe(2);
    now = 60_000;
    await cache.getOrMeasure("http://x", measure);
    expect(measured).toBe(3);
    cache.invalidate("http://x");
    expect(cache.get("http://x")).toBeNull();
    expect(cache.lastKnown("http://x")).toBe(5000);
  });

  it("does not cache a failed measurement", async () => {
    const cache = new ClockSkewCache();
    await expect(cache.getOrMeasure("http://x", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    await expect(cache.getOrMeasure("http://x", async () => 7)).resolves.toBe(7);
  });
});
