// A separate Keywarden process for sigkill-faults.test.ts, so a SIGKILL hits real work and the check after it
// runs in a process that never saw the killed one's memory:
//   check-all: unlocks the vault, prints STEP-START, runs checkAll over every key (storing results through the
//              group commit, PROGRESS <n> after each), prints STEP-DONE <summary> and idles until killed.
//   verify:    opens the database file fresh (SQLite replays or drops what the killed process left), runs
//              PRAGMA integrity_check, then unlocks the vault and opens every key it lists; prints VERIFY <json>
//              with a hash of each key's secrets (never the secrets themselves).
//   node --conditions=react-server --import tsx tests/integration/db/sigkill-runner.ts MODE
import { createHash } from "node:crypto";
import Database from "better-sqlite3";

async function main(): Promise<void> {
  const mode = process.argv[2];
  const master = String(process.env.STEP_MASTER);
  if (mode === "check-all") {
    const vault = await import("@/lib/vault/vault");
    const { checkAll } = await import("@/lib/checks/check-all");
    await vault.unlockVault(master);
    process.stdout.write("STEP-START\n");
    // One line per stored result, so the test can kill at a chosen point of the run instead of guessing a time.
    // Four requests in flight: results then arrive, and are committed, over the whole run rather than in one burst.
    const r = await checkAll({ actor: "cli", concurrency: 4, onProgress: (p) => p.done > 0 && process.stdout.write(`PROGRESS ${p.done}\n`) });
    process.stdout.write(`STEP-DONE ${JSON.stringify({ total: r.total, ok: r.ok })}\n`);
    setInterval(() => undefined, 60_000); // idle until killed
    return;
  }
  if (mode !== "verify") throw new Error(`unknown mode ${mode}`);
  const { databaseFile } = await import("@/lib/db/paths.mjs");
  const sqlite = new Database(databaseFile(), { fileMustExist: true });
  const integrity = sqlite.pragma("integrity_check", { simple: true }) as string;
  // Group commit: a key's lastCheckedAt is written in the same transaction as its newest Check row.
  const torn = (
    sqlite
      .prepare(`SELECT COUNT(*) AS n FROM "ApiKey" k WHERE k."lastCheckedAt" IS NOT (SELECT MAX(c."at") FROM "Check" c WHERE c."keyId" = k."id")`)
      .get() as { n: number }
  ).n;
  const checks = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "Check"`).get() as { n: number }).n;
  const rows = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "ApiKey"`).get() as { n: number }).n;
  sqlite.close();
  const vault = await import("@/lib/vault/vault");
  const creds = await import("@/lib/keys/credentials");
  await vault.unlockVault(master);
  const keys: { apiKey: string; secrets: string }[] = [];
  const failures: string[] = [];
  for (const id of await creds.listCheckableKeyIds()) {
    try {
      const c = await creds.loadKeyCredentials(id);
      keys.push({ apiKey: c.apiKey, secrets: createHash("sha256").update(`${c.secretKey}\n${c.passphrase}`).digest("hex") });
    } catch (e) {
      failures.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  process.stdout.write(`VERIFY ${JSON.stringify({ integrity, torn, checks, rows, keys, failures })}\n`);
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stdout.write(`STEP-FAILED ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
