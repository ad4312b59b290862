// `npm run bench`: measures Keywarden against its performance targets and prints one table
// (metric | measured | target | ok?). It reports, it does not gate: the exit code is 0 even when a target is
// missed, and non-zero only if the bench itself could not run. Results also go to tests/bench/last-results.json.
import os from "node:os";
import path from "node:path";
import { benchAudit } from "./audit-bench";
import { benchCheckAll } from "./check-all-bench";
import { benchDetection } from "./detect-bench";
import { benchScan } from "./scan-bench";
import { BENCH_PASSPHRASE, removeDataDirs, releaseDataDir, useFreshDataDir } from "./data-dir";
import { benchLoad } from "./load-bench";
import { emptyVaultDir, largeVaultDir } from "./page-fleet";
import { printTable, writeResults, type BenchRow } from "./report";
import { ensureBuild, root } from "./server";
import { nowMs } from "./stats";
import { benchLoadCredentials, benchOpenSecret, benchUnlock } from "./vault-bench";
import { benchWeb } from "./web-bench";

// `npm run bench -- --only=web,audit` runs a subset (vault, check-all, detect, scan, audit, web, load); the default is
// everything. `web` measures the pages with 1,000 and 10,000 keys; `load` is issue 17's concurrent load + idle lock.
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const want = (section: string) => !only || only.includes(section);

async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = nowMs();
  process.stdout.write(`bench: ${name}…`);
  const out = await fn();
  process.stdout.write(` ${((nowMs() - t0) / 1000).toFixed(1)} s\n`);
  return out;
}

async function main(): Promise<void> {
  const started = nowMs();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    if (want("vault") || want("check-all") || want("detect")) await useFreshDataDir("kw-bench-vault-");
    if (want("vault")) {
      await step("vault: unlock, open", async () => {
        rows.push(await benchUnlock());
        rows.push(await benchOpenSecret());
      });
    } else if (want("check-all") || want("detect")) {
      // check-all and detection still need an open vault to store their keys in.
      const { createVault } = await import("@/lib/vault/vault");
      await createVault(BENCH_PASSPHRASE, "system");
    }
    if (want("check-all")) {
      const checkRows = await step("check-all: 200 keys × 6 runs (the first run takes ~1.5 min by design)", () => benchCheckAll());
      // Measured on the check-all vault: 200 real keys, each with stored checks to look up its last uid.
      if (want("vault")) rows.push(await step("vault: loadKeyCredentials", () => benchLoadCredentials()));
      rows.push(...checkRows);
    }
    if (want("detect")) rows.push(...(await step("entity detection: add + check, 5 cases × 3", () => benchDetection())));
    await releaseDataDir();
    if (want("scan")) {
      rows.push(await step("scan: 10,000-file tree", () => benchScan()));
      await releaseDataDir();
    }
    if (want("audit")) rows.push(await step("audit engine: 1,000 keys × 50 checks", () => benchAudit()));

    if (want("web") || want("load")) {
      const stale = await ensureBuild();
      if (stale) notes.push(stale);
      const large = await step("setup: 1,000-key vault", () => largeVaultDir());
      if (want("web")) {
        const emptyDir = await step("setup: empty vault", () => emptyVaultDir());
        const huge = await step("setup: 10,000-key vault", () => largeVaultDir(10_000));
        rows.push(...(await step("server: start, render 1,000 and 10,000 keys, first-load JS", () => benchWeb(emptyDir, large, huge))));
        rows.push(large.report, huge.report);
      }
      if (want("load")) rows.push(...(await step("load: 200 pages + 50 actions at once, then the 1-minute idle lock", () => benchLoad(large))));
    }
  } finally {
    await releaseDataDir().catch(() => undefined);
    removeDataDirs();
  }

  const totalS = (nowMs() - started) / 1000;
  console.log("");
  printTable(rows);
  for (const n of notes) console.log(`\n  note: ${n}`);
  console.log(`\nbench took ${totalS.toFixed(0)} s on ${os.cpus().length} CPUs (load average ${os.loadavg()[0].toFixed(2)} at the end)`);
  writeResults(path.join(root, "tests", "bench", "last-results.json"), rows, {
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAvg1m: os.loadavg()[0],
    totalSeconds: Math.round(totalS),
    notes,
  });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
