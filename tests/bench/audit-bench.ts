// 5. The pure audit engine over 1,000 keys × 50 checks (no database: lib/reports adds the loading on top).
import type { BenchRow } from "./report";
import { fmtMs, median, samples } from "./stats";
import { syntheticFleet } from "./synthetic-fleet";

export async function benchAudit(): Promise<BenchRow> {
  const { auditVault, DEFAULT_POLICY } = await import("@/lib/audit");
  const now = new Date();
  const fleet = syntheticFleet(1000, 50, now);
  let findings = 0;
  const runs = await samples(
    10,
    () => {
      findings = auditVault(fleet, DEFAULT_POLICY, now).keys.reduce((n, k) => n + k.findings.length, 0);
    },
    3,
  );
  const ms = median(runs);
  return {
    metric: "Audit 1,000 keys × 50 checks (auditVault)",
    measured: fmtMs(ms),
    target: "≤ 50 ms",
    ok: ms <= 50,
    value: ms,
    unit: "ms",
    note: `median of 10 after 3 warm-up runs (min ${fmtMs(Math.min(...runs))}); synthetic varied fleet, ${findings} findings per run`,
  };
}
