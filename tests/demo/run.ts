// `npm run demo`: a disposable Keywarden with a realistic fleet, talking to the OKX simulator.
//   1. start the simulator (tests/okx-sim, seed demo-fleet.json)
//   2. wipe and create the demo data directory (./data-demo, or KEYWARDEN_DATA_DIR)
//   3. create a vault with a fixed, printed passphrase; add every seeded key; run one check-all
//   4. start the dashboard (lib/server/start.mjs) on 127.0.0.1:PORT with OKX_API_BASE_URL → the simulator
// Ctrl-C stops both. `--no-server` stops after step 3 (used by the tests).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startOkxSim } from "../okx-sim";
import { addSeededKeys, checkEverything, deleteAfterCheck, readSeed } from "./demo-fleet";
import { createSimKey, startSimulatedOkxSite } from "./simulated-okx-site";

export const DEMO_PASSPHRASE = "demo-harbor-violet-copper-42";
const MARKER = ".keywarden-demo";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const seedFile = path.join(root, "tests", "okx-sim", "seeds", "demo-fleet.json");

/** Wipes the demo directory, but never a directory this script did not create (it could be real data). */
function freshDemoDir(dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0 && !fs.existsSync(path.join(dir, MARKER))) {
    throw new Error(`${dir} is not empty and was not created by the demo; refusing to wipe it. Choose another KEYWARDEN_DATA_DIR.`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, MARKER), "Created by `npm run demo`; wiped on every run.\n");
}

function cliDir(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith("..") ? rel : dir;
}

async function main(): Promise<void> {
  const noServer = process.argv.includes("--no-server");
  const dataDir = path.resolve(process.env.KEYWARDEN_DATA_DIR || path.join(root, "data-demo"));
  const port = process.env.PORT ?? "3000";
  freshDemoDir(dataDir);
  process.env.KEYWARDEN_DATA_DIR = dataDir;

  const sim = await startOkxSim({ seed: seedFile });
  process.env.OKX_API_BASE_URL = sim.baseUrlEnv;

  // Imported after the environment is set: the DB path and the OKX base URL are read on first use.
  const { migrate } = await import("@/lib/db/migrate.mjs");
  const { createVault, lockVault } = await import("@/lib/vault/vault");
  const { closeDb } = await import("@/lib/db/client");
  const { loadVaultReport } = await import("@/lib/reports/vault-report");
  migrate({ quiet: true });
  await createVault(DEMO_PASSPHRASE, "system");
  const seed = readSeed(seedFile);
  const added = await addSeededKeys(seed);
  const summary = await checkEverything();
  await deleteAfterCheck(seed, (apiKey) => sim.removeKey(apiKey));
  const report = await loadVaultReport();
  await lockVault("system", "demo-setup");
  await closeDb();

  // The guided rotation of the Grid bot needs a new key "created on okx.com": one is ready in the simulator (same
  // account, permissions and IP allowlist), and the simulated okx.com page below creates or deletes others.
  const grid = seed.keys.find((k) => k.vault?.label === "Grid bot");
  const gridIp = (k: NonNullable<typeof grid>) => (Array.isArray(k.ip) ? k.ip : (k.ip ?? "").split(",").filter(Boolean));
  const ready = grid
    ? createSimKey(sim, { uid: grid.uid, label: "grid-bot-2026", perm: Array.isArray(grid.perm) ? grid.perm.join(",") : grid.perm, ip: gridIp(grid) })
    : null;
  const sitePort = noServer ? 0 : Number(process.env.OKX_SITE_PORT ?? Number(port) + 1);
  const site = noServer ? null : await startSimulatedOkxSite(sim, { port: sitePort, masterUid: seed.accounts[0].uid, uids: seed.accounts.map((a) => a.uid) });

  const c = report.vault.posture.counts;
  const lines = [
    "",
    "Keywarden demo",
    `  OKX simulator     ${sim.baseUrlEnv}`,
    `  data directory    ${dataDir}  (wiped on every run)`,
    `  keys              ${added} added, ${summary.ok} of ${summary.total} answered OK on the first check`,
    `  posture           ${report.vault.posture.score}/100 (grade ${report.vault.posture.grade}): ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low`,
    "",
    `  Open              http://127.0.0.1:${port}`,
    `  Master passphrase ${DEMO_PASSPHRASE}`,
    "",
    "  What to look at:",
    "   • Tax tool (Koinly): declared read-only, but OKX reports withdraw + trade → critical",
    "   • freqtrade on laptop: unbound trading key → countdown to OKX's 14-day deletion of unused keys",
    "   • Scalping bot: answered OK, then deleted on okx.com → OKX now says 50119 → dead key",
    "   • Hummingbot market maker: deleted by OKX after 14 days unused (OKX answers 50119)",
    "   • EU grid bot (stored as Global): an EEA key under the wrong region → OKX's Global host does not know it",
    "   • Grid bot: 200 days old → rotation overdue; start a guided rotation from its page",
    ...(ready
      ? [
          "     Its replacement is ready in the simulator (as if created on okx.com; simulated, not a real key):",
          `       API key     ${ready.apiKey}`,
          `       Secret key  ${ready.secretKey}`,
          `       Passphrase  ${ready.passphrase}`,
        ]
      : []),
    ...(site ? [`     Delete the old key (or create others) on the simulated okx.com: ${site.url}`] : []),
    "   • bot-sub-1 trading: sub-account key → automated rotation through the master key",
    "   • Arbitrage bot (VPS only): 50110, bound to another IP — expected, the key exists",
    "   • Old account reader: frozen account (50100); EU DCA bot: an EEA key, asked on eea.okx.com",
    `   • The same audit on the command line: KEYWARDEN_DATA_DIR=${cliDir(dataDir)} npx keywarden audit`,
    `     and checks against this simulator (while the demo runs): OKX_API_BASE_URL='${sim.baseUrlEnv}' KEYWARDEN_DATA_DIR=${cliDir(dataDir)} npx keywarden check --all`,
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);

  if (noServer) {
    await sim.close();
    return;
  }

  process.stdout.write("Starting the dashboard (the first start builds it, which takes a while)… Ctrl-C stops the demo.\n\n");
  const server = spawn(process.execPath, [path.join(root, "lib", "server", "start.mjs")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, KEYWARDEN_DATA_DIR: dataDir, OKX_API_BASE_URL: sim.baseUrlEnv, PORT: port },
  });
  let stopping = false;
  const stop = (sig: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.kill(sig);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  server.on("exit", async (code) => {
    await site?.close();
    await sim.close();
    process.exit(stopping ? 0 : (code ?? 1));
  });
}

main().catch((err) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
