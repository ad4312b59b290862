// The line under "Check all keys": 50110 is "bound to other IPs, expected", not a failure, and the keys are named.
import { describe, expect, it } from "vitest";
import { checkRunSummary } from "@/components/audit/check-run-summary";
import { backupFileName } from "@/lib/backup/backup-name";

describe("checkRunSummary", () => {
  it("does not count 50110 as a failure and names the keys", () => {
    const s = checkRunSummary({
      done: 3,
      total: 3,
      ok: 1,
      failed: 2,
      ipBound: 1,
      finished: true,
      notOk: [
        { label: "Arbitrage bot", outcome: "ip_blocked", code: "50110" },
        { label: "Hummingbot", outcome: "auth_error", code: "50111" },
      ],
    });
    expect(s).toBe("Done: 1 answered, 1 bound to other IPs (50110, expected), 1 failed. Bound to other IPs: Arbitrage bot. Failed: Hummingbot (50111).");
  });

  it("says no failure plainly, and shortens long lists", () => {
    expect(checkRunSummary({ done: 2, total: 2, ok: 2, failed: 0, ipBound: 0, notOk: [], finished: true })).toBe("Done: 2 answered, 0 failed.");
    const notOk = Array.from({ length: 7 }, (_, i) => ({ label: `k${i}`, outcome: "network_error", code: "" }));
    expect(checkRunSummary({ done: 7, total: 7, ok: 0, failed: 7, ipBound: 0, notOk, finished: true })).toContain("k4 (no answer) and 2 more.");
    expect(checkRunSummary({ done: 1, total: 4, ok: 1, failed: 0, current: "a", finished: false })).toBe("1 of 4 checked (last: a) · 1 answered, 0 failed");
  });
});

describe("backupFileName", () => {
  it("carries the date and the time, without colons", () => {
    expect(backupFileName(new Date("2026-12-02T17:04:22.123Z"))).toBe("keywarden-2026-12-02T17-04-22Z.db");
  });
});
