// The CLI and the dashboard share one SQLite file. Every write path must wait for another process's write lock
// (busy_timeout) instead of failing: interactive transactions used to BEGIN deferred, read, and then fail at once
// with SQLITE_BUSY when they tried to write while another process held the lock.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { integrationEnv } from "../../support/integration-env";
import { cliRunner, secretsJson } from "../cli/cli-harness";

vi.setConfig({ testTimeout: 180_000 });

const MASTER = "harbor-pencil-orbit-82";
const env = integrationEnv({ prefix: "kw-concurrent-", vault: MASTER });
let dir: string;
let keys: typeof import("@/lib/keys/key-store");

const secrets = (n: number) => ({
  apiKey: `abcdef00-${String(n).padStart(4, "0")}-4222-8333-444455556666`,
  secretKey: "B0BACAFE0123456789ABCDEF0B0BA0B0",
  passphrase: "Concurrent-Pass-9",
});
const key = (label: string, n: number) => ({
  label,
  region: "global",
  demo: false,
  purpose: "read",
  usedBy: "",
  createdOn: "2026-01-10",
  notes: "",
  ...secrets(n),
});

beforeAll(async () => {
  dir = env.dir;
  keys = await import("@/lib/keys/key-store");
});

/** Another process takes SQLite's write lock and keeps it for `ms`; resolves once it holds it. */
function holdWriteLock(ms: number): Promise<{ done: Promise<void> }> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec("COMMIT");
    db.close();`;
  const child = spawn(process.execPath, ["-e", script, path.join(dir, "keywarden.db"), String(ms)], {
    cwd: path.resolve(import.meta.dirname, "..", "..", ".."),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const done = new Promise<void>((resolve, reject) => child.on("exit", (c) => (c === 0 ? resolve() : reject(new Error(`holder exited ${c}`)))));
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", () => resolve({ done }));
    child.once("error", reject);
  });
}

describe("writers in two processes", () => {
  it("a key added while another process holds the write lock for 1.5 s waits and succeeds", async () => {
    const holder = await holdWriteLock(1500);
    const added = await keys.addKey(key("during lock", 1));
    await holder.done;
    expect(added.label).toBe("during lock");
  });

  it("four parallel `keywarden add` while the dashboard edits a key: every write lands", async () => {
    const target = await keys.addKey(key("edited", 2));
    const cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER, KEYWARDEN_DATA_DIR: dir }, { via: "node", timeoutMs: 170_000 });
    try {
      let stop = false;
      let edits = 0;
      const editor = (async () => {
        while (!stop) {
          await keys.updateKeyMetadata(target.id, { ...key("edited", 2), notes: `edit ${++edits}` });
          // Each dashboard edit is its own request; SQLite calls here never yield, so without a pause this loop
          // would starve the event loop (and the CLI children's exit events) like no real browser can.
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const adds = await Promise.all(
        Array.from({ length: 4 }, (_, i) => cli(["add", "--label", `cli ${i}`, "--purpose", "read"], { input: secretsJson(secrets(100 + i)) })),
      );
      stop = true;
      await editor;
      for (const r of adds) expect(r, r.stderr).toMatchObject({ code: 0 });
      expect(edits).toBeGreaterThan(0);
      const labels = (await keys.listKeys()).map((k) => k.label);
      for (let i = 0; i < 4; i++) expect(labels).toContain(`cli ${i}`);
      expect((await keys.getKey(target.id)).notes).toBe(`edit ${edits}`);
    } finally {
      fs.rmSync(cli.cwd, { recursive: true, force: true });
    }
  });
});
