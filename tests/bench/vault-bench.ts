// 1. Unlock time (Argon2id with DEFAULT_KDF_PARAMS) and 2. cost of opening secrets.
import { randomUUID } from "node:crypto";
import type { BenchRow } from "./report";
import { BENCH_PASSPHRASE } from "./data-dir";
import { fmtMs, median, nowMs, samples } from "./stats";

/** Median of 5 unlockVault calls on the (fresh) vault of the current data directory. */
export async function benchUnlock(): Promise<BenchRow> {
  const { createVault, lockVault, unlockVault } = await import("@/lib/vault/vault");
  const { DEFAULT_KDF_PARAMS } = await import("@/lib/vault/kdf");
  await createVault(BENCH_PASSPHRASE, "system");
  const runs = await samples(5, async () => {
    // Locked first, as a real unlock is: unlockVault then installs the keys from scratch.
    await lockVault("system", "bench");
    await unlockVault(BENCH_PASSPHRASE, "system");
  });
  const ms = median(runs);
  const p = DEFAULT_KDF_PARAMS;
  return {
    metric: "Unlock (Argon2id, DEFAULT_KDF_PARAMS)",
    measured: fmtMs(ms),
    target: "0.25–1 s",
    ok: ms >= 250 && ms <= 1000,
    value: ms,
    unit: "ms",
    note: `median of 5 unlockVault (m=${p.memoryCostKiB} KiB, t=${p.timeCost}, p=${p.parallelism}); runs ${runs.map((r) => r.toFixed(0)).join(", ")} ms`,
  };
}

/** Median per-op time of openSecret (AES-256-GCM + AAD) over 10k opens of one stored-size secret. The vault must be unlocked. */
export async function benchOpenSecret(): Promise<BenchRow> {
  const { openSecret, sealSecret } = await import("@/lib/vault/vault");
  const { secretAad } = await import("@/lib/vault/seal");
  const aad = secretAad(randomUUID(), "secretKey");
  // Shaped like an OKX secret key (32 hex chars); random, never printed.
  const blob = sealSecret(randomUUID().replace(/-/g, "").toUpperCase(), aad);
  for (let i = 0; i < 1000; i++) openSecret(blob, aad);
  const per: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const t0 = nowMs();
    openSecret(blob, aad);
    per.push(nowMs() - t0);
  }
  const ms = median(per);
  return {
    metric: "Open one secret (AES-GCM + AAD)",
    measured: fmtMs(ms),
    target: "tens of µs (≤ 100 µs)",
    ok: ms <= 0.1,
    value: ms * 1000,
    unit: "µs",
    note: `median per op over 10,000 openSecret calls after 1,000 warm-up (mean ${((per.reduce((a, b) => a + b, 0) / per.length) * 1000).toFixed(1)} µs)`,
  };
}

/** loadKeyCredentials (DB read of the key + its last uid, 3 opens) per key, over every key in the vault, 3 passes. */
export async function benchLoadCredentials(): Promise<BenchRow> {
  const { listCheckableKeyIds, loadKeyCredentials } = await import("@/lib/keys/credentials");
  const ids = await listCheckableKeyIds();
  for (const id of ids.slice(0, 20)) await loadKeyCredentials(id);
  const per: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    for (const id of ids) {
      const t0 = nowMs();
      await loadKeyCredentials(id);
      per.push(nowMs() - t0);
    }
  }
  const ms = median(per);
  return {
    metric: "loadKeyCredentials per key (DB + 3 opens)",
    measured: fmtMs(ms),
    target: "— (info)",
    ok: null,
    value: ms * 1000,
    unit: "µs",
    note: `median of ${per.length} calls over ${ids.length} stored keys with their checks (3 passes)`,
  };
}
