// What a killed backup or restore leaves behind is cleared the next time a process opens the database (issue 17):
// `.partial-<pid>` files, `.restore-…` staging folders and the dashboard's temp folders, when their process is
// gone or they are older than a day. The database, its WAL and SHM, the kept-aside copies and anything that only
// looks alike stay. First the sweep on its own over planted files, then through the real CLI after a real SIGKILL.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LEFTOVER_MAX_AGE_MS, removeLeftovers } from "@/lib/db/leftovers";
import { cliRunner, type CliRunner } from "../cli/cli-harness";

vi.setConfig({ testTimeout: 180_000 });

const MASTER = "quartz-lantern-meadow-41";
const TS = "2026-12-07T00-10-00-000Z";
let root: string;

/** A pid that certainly ran and certainly no longer does. */
function deadPid(): number {
  const pid = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }));
  expect(() => process.kill(pid, 0)).toThrow();
  return pid;
}

function file(p: string, body = "x") {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, body, { mode: 0o600 });
  return p;
}

function age(p: string, ms: number) {
  const t = new Date(Date.now() - ms);
  fs.utimesSync(p, t, t);
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kw-leftovers-"));
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("removeLeftovers", () => {
  it("removes the work files of dead processes and old ones, and nothing else", () => {
    const data = path.join(root, "data");
    const tmp = path.join(root, "tmp");
    fs.mkdirSync(data);
    fs.mkdirSync(tmp);
    const dead = deadPid();
    const live = process.pid;
    const keep = [
      file(path.join(data, "keywarden.db")),
      file(path.join(data, "keywarden.db-wal")),
      file(path.join(data, "keywarden.db-shm")),
      file(path.join(data, `keywarden.db.before-restore-${TS}`)),
      file(path.join(data, `keywarden.db.damaged-${TS}`)),
      file(path.join(data, `keywarden.db.damaged-${TS}-wal`)),
      file(path.join(data, "server.pid")),
      file(path.join(data, `mine.db.partial-${live}`)),
      file(path.join(data, `.restore-${live}-${TS}`, "keywarden.db")),
      file(path.join(data, `.restore-${TS}`, "keywarden.db")),
      file(path.join(data, "notes.partial-abc")),
      file(path.join(data, `.restore-${dead}-not-a-time`, "keywarden.db")),
      file(path.join(tmp, `keywarden-restore-${live}-abC123`, "upload.db")),
      file(path.join(tmp, "keywarden-backup-Xy12ab", "b.db")),
      file(path.join(tmp, `keywarden-other-${dead}-abc123`, "x")),
    ];
    // A symlink under a leftover's name points somewhere else: never followed, never removed.
    const target = file(path.join(root, "elsewhere.db"));
    const link = path.join(data, `linked.db.partial-${dead}`);
    fs.symlinkSync(target, link);
    keep.push(link, target);

    const gone = [
      file(path.join(data, `killed.db.partial-${dead}`)),
      file(path.join(data, `.restore-${dead}-${TS}`, "keywarden.db")),
      file(path.join(data, `.restore-2026-11-01T00-00-00-000Z`, "keywarden.db")),
      file(path.join(data, `reused-pid.db.partial-${live}`)),
      file(path.join(tmp, `keywarden-backup-${dead}-aB3dE9`, "keywarden-x.db.partial-1")),
      file(path.join(tmp, `keywarden-restore-${dead}-Zz09Yy`, "upload.db")),
      file(path.join(tmp, "keywarden-restore-OLD123", "upload.db")),
    ];
    // Old enough that the pid (alive, or none in the name) no longer protects them.
    const day = LEFTOVER_MAX_AGE_MS + 60_000;
    age(path.join(data, `.restore-2026-11-01T00-00-00-000Z`), day);
    age(path.join(data, `reused-pid.db.partial-${live}`), day);
    age(path.join(tmp, "keywarden-restore-OLD123"), day);

    const removed = removeLeftovers(data, { tempDir: tmp });
    const top = (p: string) => (path.dirname(p) === data || path.dirname(p) === tmp ? p : path.dirname(p));
    expect(removed.sort()).toEqual(gone.map(top).sort());
    for (const p of gone) expect(fs.existsSync(top(p)), p).toBe(false);
    for (const p of keep) expect(fs.existsSync(p), p).toBe(true);
    // Running it again finds nothing more.
    expect(removeLeftovers(data, { tempDir: tmp })).toEqual([]);
  });
});

describe("on start, after a SIGKILL", () => {
  let cli: CliRunner;
  let tmp: string;
  beforeAll(async () => {
    tmp = path.join(root, "cli-tmp");
    fs.mkdirSync(tmp);
    cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER, TMPDIR: tmp }, { via: "node" });
    expect((await cli(["init"])).code).toBe(0);
    // A long audit history makes the backup take long enough to be killed in the middle of it.
    const sqlite = new Database(path.join(cli.dataDir, "keywarden.db"));
    const insert = sqlite.prepare("INSERT INTO AuditEvent (at, actor, action, detail) VALUES (?, 'system', 'test.padding', ?)");
    const detail = JSON.stringify({ pad: "x".repeat(1024 * 1024) });
    sqlite.transaction(() => {
      for (let i = 0; i < 16; i++) insert.run(Date.now(), detail);
    })();
    sqlite.close();
  });
  afterAll(() => {
    if (cli) fs.rmSync(cli.cwd, { recursive: true, force: true });
  });

  it("the next command that opens the database clears what a killed backup left, and the vault still opens", async () => {
    const backups = path.join(cli.cwd, "backups");
    fs.mkdirSync(backups);
    // The killed backup writes into the data directory, where the next start looks. keywarden.mjs runs the CLI in
    // a child process; the .partial file is named after that one, which is killed the moment the file appears
    // (inotify, not polling) while VACUUM INTO copies 16 MB. On a loaded machine the watcher can see the file late
    // (the backup finished, nothing left): then it is tried again under a new name, up to three times.
    let left = "";
    for (let attempt = 1; attempt <= 3 && !left; attempt++) {
      const name = `killed-${attempt}.db`;
      const child = spawn(process.execPath, [path.resolve("lib/cli/keywarden.mjs"), "backup", path.join(cli.dataDir, name)], {
        cwd: cli.cwd,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, KEYWARDEN_PASSPHRASE: MASTER, TMPDIR: tmp } as unknown as NodeJS.ProcessEnv,
        stdio: "ignore",
      });
      const exited = new Promise((r) => child.once("exit", r));
      let partial = "";
      await new Promise<void>((resolve) => {
        const watcher = fs.watch(cli.dataDir, (_e, f) => {
          if (!f?.startsWith(`${name}.partial-`) || partial) return;
          partial = f;
          process.kill(Number(f.slice(`${name}.partial-`.length)), "SIGKILL");
          watcher.close();
          resolve();
        });
        void exited.then(() => (watcher.close(), resolve()));
      });
      await exited;
      if (partial && fs.existsSync(path.join(cli.dataDir, partial))) left = partial;
      else fs.rmSync(path.join(cli.dataDir, name), { force: true });
    }
    expect(left, "no attempt left a .partial file after SIGKILL").not.toBe("");
    expect(fs.readdirSync(cli.dataDir).filter((f) => /^killed-\d\.db$/.test(f))).toEqual([]);
    // Debris of a killed dashboard backup in the temp directory, and a killed restore's staging folder.
    const dead = deadPid();
    file(path.join(tmp, `keywarden-backup-${dead}-Ab12Cd`, "keywarden-x.db.partial-9"));
    file(path.join(cli.dataDir, `.restore-${dead}-${TS}`, "keywarden.db"));

    const r = await cli(["list", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(fs.readdirSync(cli.dataDir).filter((f) => f.includes(".partial-") || f.startsWith(".restore-"))).toEqual([]);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith("keywarden-"))).toEqual([]);
    // The database itself is whole (its -wal and -shm come and go with SQLite's own connections).
    const sqlite = new Database(path.join(cli.dataDir, "keywarden.db"), { readonly: true });
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(sqlite.prepare("SELECT COUNT(*) AS n FROM Vault").get()).toEqual({ n: 1 });
    sqlite.close();
  });
});
