// The data directories for the page benchmarks: one with an empty vault, one with 1,000 keys and a few checks
// each. Rows go in with createMany (setup is not what we measure); secrets are still sealed with the vault's
// data key, as addKey would, so the pages see realistic rows.
import { randomBytes, randomUUID } from "node:crypto";
import { BENCH_PASSPHRASE, releaseDataDir, useFreshDataDir } from "./data-dir";
import type { BenchRow } from "./report";
import { fmtMs, median, samples } from "./stats";
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
  const { loadVaultReport } = await import("@/lib/reports/vault-audit");
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

  const runs = await samples(5, () => loadVaultReport(), 2);
  const ms = median(runs);
  await releaseDataDir();
  return {
    dir,
    sampleKeyIds,
    report: {
      metric: `loadVaultReport ${keys.toLocaleString("en")} keys (DB + audit)`,
      measured: fmtMs(ms),
      target: "— (info)",
      ok: null,
      value: ms,
      unit: "ms",
      note: `median of 5 in-process, ${checksPerKey} checks per key; what the overview and keys pages load`,
    },
  };
}
