import { describe, expect, it } from "vitest";
import { backoffDelayMs, retryAfterMs } from "@/lib/vault/backoff";

describe("unlock backoff", () => {
  it("allows two free mistakes, then doubles, capped at 15 minutes", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(backoffDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(backoffDelayMs(40)).toBe(15 * 60_000);
  });
  it("counts from the last failure", () => {
    const at = new Date(10_000);
    expect(retryAfterMs(4, at, 10_500)).toBe(1500);
    expect(retryAfterMs(4, at, 13_000)).toBe(0);
    expect(retryAfterMs(0, null, 0)).toBe(0);
  });
});
