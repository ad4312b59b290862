// A second process beside a running server: `npm run migrate` (or the CLI, or a second server's start) must not
// run Prisma's migrate on a current schema, where Prisma's engine fails on the server's lock (its
// "WASM_ERROR: unknown variant 'SocketTimeout'"); and a second server on the same data directory is refused.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateFreshDataDir } from "../../support/data-dir";

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, "..", "..", "..");
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await migrateFreshDataDir("kw-second-");
});
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Another process holds SQLite's write lock (as a server mid-write does) until killed. */
function holdWriteLock(): Promise<ChildProcess> {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    setTimeout(() => {}, 60000);`;
  const child = spawn(process.execPath, ["-e", script, path.join(dir, "keywarden.db")], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve) => child.stdout!.once("data", () => resolve(child)));
}

describe("a second process on a running server's data directory", () => {
  it("`node lib/db/migrate.mjs` on a current schema succeeds while another process holds the write lock", async () => {
    const holder = await holdWriteLock();
    try {
      const r = await run(process.execPath, [path.join(REPO, "lib/db/migrate.mjs")], {
        cwd: REPO,
        env: { PATH: process.env.PATH, KEYWARDEN_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv,
        timeout: 60_000,
      });
      expect(r.stdout).toMatch(/database ready/);
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("a second server is refused with a message naming the running one", async () => {
    // Stands in for the running server: a live process whose command line is a Keywarden start.
    const first = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "lib/server/start.mjs"], { stdio: "ignore" });
    children.push(first);
    fs.writeFileSync(path.join(dir, "server.pid"), `${first.pid}\n`);
    const r = await run(process.execPath, [path.join(REPO, "lib/server/start.mjs")], {
      cwd: REPO,
      env: { PATH: process.env.PATH, KEYWARDEN_DATA_DIR: dir, PORT: "5299" } as unknown as NodeJS.ProcessEnv,
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    first.kill("SIGKILL");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`another Keywarden server (pid ${first.pid}) is already running on ${dir}`);
  });
});
