// The data directories for the page benchmarks: one with an empty vault, one with 1,000 keys and a few checks
// each. Rows go in with createMany (setup is not what we measure); secrets are still sealed with the vault's
// data key, as addKey would, so the pages see realistic rows.
import { randomBytes, randomUUID } from "node:crypto";
import { BENCH_PASSPHRASE, releaseDataDir, useFreshDataDir } from "./data-dir";
import type { BenchRow } from "./report";
import { fmtMs, median, timeMs } from "./stats";
import { syntheticFleet } from "./synthetic-fleet";

export async function emptyVaultDir(): Promise<string> {
  const dir = await useFreshDataDir("kw-bench-empty-");
  const { createVault } = await import("@/lib/vault/vault");
  await createVault(BENCH_PASSPHRASE, "system");
  await releaseDataDir();
  return dir;
}

export interface LargeVault {
  dir: string;
  report: BenchRow;
  /** Active keys with checks, spread over the fleet: the key pages and actions the web and load benches use. */
  sampleKeyIds: string[];
}

/** `keys` keys × `checksPerKey` checks; also times loadVaultReport (DB → audit) on it while the vault is open. */
export async function largeVaultDir(keys = 1000, checksPerKey = 3): Promise<LargeVault> {
  const dir = await useFreshDataDir(`kw-bench-${keys}-`);
  const { createVault, sealSecret, apiKeyDigest } = await import("@/lib/vault/vault");
  const { secretAad } = await import("@/lib/vault/seal");
  const { fingerprint } = await import("@/lib/keys/fingerprint");
  const { db } = await import("@/lib/db/client");
  const { loadVaultReport } = await import("@/lib/reports/vault-report");
  await createVault(BENCH_PASSPHRASE, "system");
  const prisma = await db();

  const now = new Date();
  const fleet = syntheticFleet(keys, checksPerKey, now, 7);
  const keyRows = fleet.map(({ key, checks }) => {
    const id = randomUUID();
    const apiKey = randomUUID();
    return {
      synthetic: key.id,
      row: {
        id,
        label: key.label,
        fingerprint: fingerprint(apiKey),
        apiKeyDigest: apiKeyDigest(apiKey),
        apiKeyEnc: sealSecret(apiKey, secretAad(id, "apiKey")),
        secretEnc: sealSecret(randomBytes(16).toString("hex").toUpperCase(), secretAad(id, "secretKey")),
        passphraseEnc: sealSecret(`Bench-${randomBytes(6).toString("hex")}`, secretAad(id, "passphrase")),
        region: key.region,
        demo: key.demo,
        purpose: key.purpose,
        usedBy: JSON.stringify(key.consumers),
        createdOn: key.createdOn,
        createdOnSource: key.createdOnSource,
        status: key.status,
        subAcct: key.subAcct,
        lastCheckedAt: checks[0]?.at ?? null,
        lastOkAt: checks.find((c) => c.outcome === "ok")?.at ?? null,
      },
    };
  });
  await prisma.apiKey.createMany({ data: keyRows.map((k) => k.row) });
  const idOf = new Map(keyRows.map((k) => [k.synthetic, k.row.id]));
  const checkRows = fleet.flatMap(({ key, checks }) =>
    checks.map((c) => ({
      keyId: idOf.get(key.id)!,
      at: c.at,
      outcome: c.outcome,
      code: c.code,
      message: c.message,
      perm: c.perm?.join(",") ?? null,
      ip: c.ip?.join(",") ?? null,
      uid: c.uid,
      mainUid: c.mainUid,
      label: c.label,
      acctLv: c.outcome === "ok" ? "2" : null,
      latencyMs: 60,
    })),
  );
  await prisma.check.createMany({ data: checkRows });

  // Every n-th active key, so the sample does not sit at one end of the label order.
  const active = keyRows.filter((k) => k.row.status === "active" && k.row.lastCheckedAt);
  const sampleKeyIds = Array.from({ length: Math.min(50, active.length) }, (_, i) => active[Math.floor((i * active.length) / 50)].row.id);

  // After a write (another key's updatedAt moved an hour on each run, so the row cache's stamp sees it): what the
  // first view after a check or an edit pays. The key page used to load the whole vault's report; it now loads one key.
  const { loadKeyPage } = await import("@/lib/pages/key-page-data");
  const vaultMs: number[] = [];
  const keyMs: number[] = [];
  for (let i = 0; i < 6; i++) {
    await prisma.apiKey.update({ where: { id: sampleKeyIds[1] }, data: { notes: `bench ${i}`, updatedAt: new Date(now.getTime() + (i + 1) * 3_600_000) } });
    const v = (await timeMs(() => loadVaultReport())).ms;
    const k = (await timeMs(() => loadKeyPage(sampleKeyIds[0]))).ms;
    // The first run warms the modules and statements.
    if (i > 0) {
      vaultMs.push(v);
      keyMs.push(k);
    }
  }
  await releaseDataDir();
  const n = keys.toLocaleString("en");
  const v = median(vaultMs);
  const k = median(keyMs);
  return {
    dir,
    sampleKeyIds,
    report: {
      metric: `Key page data, ${n} keys, after a write: whole vault (before) vs one key (now)`,
      measured: `${fmtMs(v)} vs ${fmtMs(k)} = ${(v / k).toFixed(0)}× less`,
      target: "— (info)",
      ok: null,
      value: { vaultReportMs: v, keyPageMs: k },
      note: `in-process, median of 5 after a warm-up, ${checksPerKey} checks per key: loadVaultReport (DB + audit of every key: what / and /keys load, and what /keys/[id] loaded before) vs loadKeyPage (lib/pages/key-page-data.ts)`,
    },
  };
}
