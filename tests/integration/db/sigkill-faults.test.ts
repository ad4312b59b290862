// Issue #17, "Faults → SIGKILL": `keywarden add`, check-all's group commit, `keywarden backup` and `keywarden restore`
// are each SIGKILLed (the whole process group: the CLI's launcher and its tsx child) at seeded random moments, with
// nothing graceful in between. After every kill a fresh process opens the same SQLite file and must find
// `PRAGMA integrity_check` = ok and every key it lists opening with the vault, with the secrets that were added.
// A restore killed midway leaves the old or the new database, never a mix and never none; a backup killed midway
// never leaves a file under the backup's name that is not a complete backup.
// SIGKILL_SEED=<n> replays a run; the seed and every kill time are printed.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { integrationEnv } from "../../support/integration-env";
import { REPO } from "../../support/killable-step";
import { KEYWARDEN, secretsJson } from "../cli/cli-harness";
import { ensureAccount, keyInput, simKey, type MadeKey } from "../rotation/support";

vi.setConfig({ testTimeout: 150_000 });

const MASTER = "ember-walnut-glacier-62";
const CALLER_IP = "203.0.113.10";
const RUNNER = path.join(REPO, "tests", "integration", "db", "sigkill-runner.ts");
const SEED = Number(process.env.SIGKILL_SEED ?? 1717);
const FLEET = 50;
/** Backups go inside the test's data directory, so its teardown removes them (and any .partial leftovers). */
const backupsIn = () => path.join(env.dir, "backups");

const env = integrationEnv({ prefix: "kw-sigkill-", sim: { callerIp: CALLER_IP }, vault: MASTER });

/** mulberry32: small, seeded, good enough to spread kill times. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
console.log(`sigkill-faults: SIGKILL_SEED=${SEED}`);

const hashOf = (k: MadeKey) => createHash("sha256").update(`${k.secretKey}\n${k.passphrase}`).digest("hex");
/** Every key ever handed to Keywarden, by apiKey: what a key that opens must hold. */
const added = new Map<string, string>();
/** Keys whose add returned success: they must be there after any later kill (except a restore to an older state). */
const committed = new Set<string>();

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from the trigger (spawn, or the STEP-START line) to the end. */
  ms: number;
}

/**
 * Runs a command in its own process group and SIGKILLs the group `killAfterMs` after the trigger (the spawn, or the
 * line STEP-START when `afterMarker`); without killAfterMs it runs to its end (a runner that idles is killed once
 * it printed STEP-DONE).
 */
function run(
  file: string,
  args: string[],
  opts: { input?: string; killAfterMs?: number; afterMarker?: boolean; marker?: RegExp; armWhen?: () => boolean } = {},
): Promise<Run> {
  const marker = opts.marker ?? /STEP-START/;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: REPO,
      detached: true,
      stdio: "pipe",
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        KEYWARDEN_DATA_DIR: env.dir,
        KEYWARDEN_PASSPHRASE: MASTER,
        STEP_MASTER: MASTER,
        OKX_API_BASE_URL: env.sim.baseUrlEnv,
      } as unknown as NodeJS.ProcessEnv,
    });
    let stdout = "";
    let stderr = "";
    let t0 = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const killGroup = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const arm = () => {
      t0 = Date.now();
      if (opts.killAfterMs !== undefined) timer = setTimeout(killGroup, opts.killAfterMs);
    };
    // armWhen: a sign on disk that the work began (polled), so the kill lands in it and not in start-up.
    let poll: NodeJS.Timeout | undefined;
    if (opts.armWhen) {
      poll = setInterval(() => {
        if (opts.armWhen!()) {
          clearInterval(poll);
          arm();
        }
      }, 2);
    } else if (!opts.afterMarker) arm();
    const guard = setTimeout(killGroup, 120_000);
    child.stdout.on("data", (d) => {
      const before = stdout;
      stdout += d;
      if (opts.afterMarker && !marker.test(before) && marker.test(stdout)) arm();
      if (opts.killAfterMs === undefined && stdout.includes("STEP-DONE")) killGroup();
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      clearInterval(poll);
      // The launcher may die first; make sure nothing of the group survives to write later.
      killGroup();
      resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 });
    });
    child.stdin.end(opts.input ?? "");
  });
}

const cli = (args: string[], opts: { input?: string; killAfterMs?: number; armWhen?: () => boolean } = {}) => run(process.execPath, [KEYWARDEN, ...args], opts);
const runner = (mode: string, opts: { killAfterMs?: number; afterMarker?: boolean; marker?: RegExp } = {}) =>
  run(process.execPath, ["--conditions=react-server", "--import", "tsx", RUNNER, mode], opts);

interface Verified {
  integrity: string;
  torn: number;
  checks: number;
  rows: number;
  keys: { apiKey: string; secrets: string }[];
  failures: string[];
}

/** In a fresh process: the file is sound, and every key it lists opens with the secrets that were added. */
async function verify(after: string): Promise<Verified> {
  const r = await runner("verify");
  const line = r.stdout.match(/VERIFY (.*)\n/);
  expect(line, `verify after ${after}:\n${r.stdout}\n${r.stderr}`).not.toBeNull();
  const v = JSON.parse(line![1]) as Verified;
  expect(v.integrity, after).toBe("ok");
  expect(v.failures, after).toEqual([]);
  expect(v.torn, `${after}: keys whose lastCheckedAt is not their newest check`).toBe(0);
  expect(v.rows, `${after}: every row is a key that opens`).toBe(v.keys.length);
  for (const k of v.keys) expect(k.secrets, `${after}: ${k.apiKey} opens with what was added`).toBe(added.get(k.apiKey));
  return v;
}

const apiKeys = (v: Verified) => new Set(v.keys.map((k) => k.apiKey));
// Ten OKX accounts: OKX paces requests per UID, and one account would make check-all mostly waiting.
const UIDS = Array.from({ length: 10 }, (_, i) => String(9400 + i));
const newKey = () => {
  const k = simKey(env.sim, { uid: UIDS[added.size % UIDS.length], perm: "read_only", ip: [CALLER_IP] });
  added.set(k.apiKey, hashOf(k));
  return k;
};
let labels = 0;
const addArgs = () => ["add", "--label", `kill bot ${++labels}`, "--purpose", "read", "--region", "global", "--created", "2026-01-15"];
const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));

beforeAll(async () => {
  for (const uid of UIDS) ensureAccount(env.sim, uid);
  const keys = await import("@/lib/keys/key-store");
  for (let i = 0; i < FLEET; i++) {
    const k = newKey();
    await keys.addKey(keyInput(k, { label: `fleet ${i}`, purpose: "read" }));
    committed.add(k.apiKey);
  }
  // From here on only child processes touch the file: this process holds no connection a restore could strand.
  await (await import("@/lib/db/client")).closeDb();
  // A few years of audit log (~16 MB): backup's VACUUM INTO and restore's copy and swap then take long enough
  // for a kill to land inside them, as it would on a laptop that has used Keywarden for a while.
  const sqlite = new Database(path.join(env.dir, "keywarden.db"));
  const insert = sqlite.prepare(`INSERT INTO "AuditEvent" ("at", "actor", "action", "detail") VALUES (?, 'system', 'key.check', ?)`);
  sqlite.transaction(() => {
    for (let i = 0; i < 30_000; i++) insert.run(Date.UTC(2024, 0, 1) + i * 60_000, JSON.stringify({ note: `history ${i} `.padEnd(500, "x") }));
  })();
  sqlite.close();
  fs.mkdirSync(backupsIn());
}, 120_000);

describe("SIGKILL at seeded random moments", () => {
  it("during `keywarden add`: each key is either absent or opens, and earlier keys are untouched", async () => {
    const full = await cli(addArgs(), { input: secretsJson(newKey()) });
    expect(full.code, full.stderr).toBe(0);
    const last = [...added.keys()].at(-1)!;
    committed.add(last);
    const span = full.ms;
    for (let i = 0; i < 4; i++) {
      const k = newKey();
      // Late in the run (the store and the OKX check come after start-up and the Argon2 unlock).
      const at = between(span * 0.65, span * 1.0);
      const r = await cli(addArgs(), { input: secretsJson(k), killAfterMs: at });
      if (r.code === 0) committed.add(k.apiKey);
      const v = await verify(`add killed at ${at} ms`);
      const present = apiKeys(v);
      console.log(`add: killed at ${at}/${span} ms → ${r.code === 0 ? "finished" : "killed"}, key ${present.has(k.apiKey) ? "stored" : "absent"}`);
      for (const c of committed) expect(present.has(c), c).toBe(true);
    }
  }, 300_000); // several Keywarden processes per case: minutes on a loaded 2-core machine

  it("during check-all's group commit over 50+ keys: no torn batch, every key opens", async () => {
    // Replies spread over time, so the kill lands between and inside commits rather than before the first.
    env.sim.faults.latencyMs = 30;
    try {
      // Two full runs first (the first over new keys also fetches each account's configuration).
      let span = 0;
      for (let warm = 0; warm < 2; warm++) {
        const full = await runner("check-all", { afterMarker: true });
        expect(full.stdout, full.stderr).toMatch(/STEP-DONE/);
        span = full.ms;
      }
      let before = (await verify("a full check-all")).checks;
      for (let i = 0; i < 3; i++) {
        // Killed a few ms after the n-th result was stored: while the next batches are being committed.
        const n = between(1, FLEET - 5);
        const at = between(0, 30);
        const r = await runner("check-all", { killAfterMs: at, afterMarker: true, marker: new RegExp(`^PROGRESS ${n}$`, "m") });
        const v = await verify(`check-all killed ${at} ms after result ${n}`);
        console.log(
          `check-all: killed ${at} ms after result ${n} (a full run takes ${span} ms) → ${r.stdout.includes("STEP-DONE") ? "finished" : "killed"}, ${v.checks - before} of ${v.keys.length} checks committed`,
        );
        for (const c of committed) expect(apiKeys(v).has(c), c).toBe(true);
        before = v.checks;
      }
    } finally {
      env.sim.faults.latencyMs = 0;
    }
  }, 300_000); // several Keywarden processes per case: minutes on a loaded 2-core machine

  it("during `keywarden backup`: the backup's name holds a complete backup or nothing", async () => {
    const first = path.join(backupsIn(), "full.db");
    const full = await cli(["backup", first]);
    expect(full.code, full.stderr).toBe(0);
    const span = full.ms;
    const keysNow = (await verify("a full backup")).keys.length;
    for (let i = 0; i < 3; i++) {
      const target = path.join(backupsIn(), `killed-${i}.db`);
      // Armed when the .partial file appears, killed 0-150 ms later: inside VACUUM INTO, the check or the link.
      const at = between(0, 150);
      const started = () => fs.readdirSync(backupsIn()).some((f) => f.startsWith(`killed-${i}.db.partial-`));
      const r = await cli(["backup", target], { killAfterMs: at, armWhen: started });
      const exists = fs.existsSync(target);
      const partials = fs.readdirSync(backupsIn()).filter((f) => f.startsWith(`killed-${i}.db.partial-`));
      console.log(
        `backup: killed at ${at}/${span} ms → ${r.code === 0 ? "finished" : "killed"}, file ${exists ? "present" : "absent"}, ${partials.length} .partial left`,
      );
      // A leftover says what it is in its name; a finished backup leaves none.
      if (r.code === 0) expect(partials).toEqual([]);
      if (r.code === 0) expect(exists).toBe(true);
      if (exists) {
        // Whatever sits under the name must be what `restore` accepts: sound, and holding every key.
        const sqlite = new Database(target, { readonly: true, fileMustExist: true });
        try {
          expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
          expect((sqlite.prepare(`SELECT COUNT(*) AS n FROM "ApiKey"`).get() as { n: number }).n).toBe(keysNow);
        } finally {
          sqlite.close();
        }
      }
      await verify(`backup killed at ${at} ms`);
      fs.rmSync(target, { force: true });
    }
    fs.rmSync(first, { force: true });
  }, 300_000); // several Keywarden processes per case: minutes on a loaded 2-core machine

  it("during `keywarden restore`: the old database or the new one, never a mix, never none", async () => {
    const backup = path.join(backupsIn(), "restore-source.db");
    expect((await cli(["backup", backup])).code).toBe(0);
    const inBackup = apiKeys(await verify("the backup for restore"));
    /** One more key than the backup: the "old" database a restore replaces. */
    const diverge = async () => {
      const r = await cli(addArgs(), { input: secretsJson(newKey()) });
      expect(r.code, r.stderr).toBe(0);
      return apiKeys(await verify("an add before restore"));
    };
    const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
    let old = await diverge();
    const full = await cli(["restore", backup]);
    expect(full.code, full.stderr).toBe(0);
    expect(same(apiKeys(await verify("a full restore")), inBackup)).toBe(true);
    const span = full.ms;
    for (let i = 0; i < 4; i++) {
      old = await diverge();
      // Armed when the staging folder appears, killed 0-400 ms later: while staging, keeping aside or swapping.
      const at = between(0, 400);
      const staging = () => fs.readdirSync(env.dir).some((f) => f.startsWith(".restore-"));
      const r = await cli(["restore", backup], { killAfterMs: at, armWhen: staging });
      expect(fs.existsSync(path.join(env.dir, "keywarden.db"))).toBe(true);
      const now = apiKeys(await verify(`restore killed at ${at} ms`));
      const which = same(now, old) ? "old" : same(now, inBackup) ? "new" : "a mix";
      console.log(`restore: killed at ${at}/${span} ms → ${r.code === 0 ? "finished" : "killed"}, database is the ${which} one`);
      expect(which).not.toBe("a mix");
      if (r.code === 0) expect(which).toBe("new");
    }
    fs.rmSync(backup, { force: true });
  }, 300_000); // several Keywarden processes per case: minutes on a loaded 2-core machine
});
