// Issue #18 items 7 and 11 against the built app. A damaged database file gets one page — naming the file,
// SQLite's verdict and the newest file to restore from — on every address, instead of /unlock and /setup sending
// the browser back and forth (or offering a new vault over the old file). Its own server, on its own data
// directory, so the shared server's vault is untouched. Then, on the shared server: request targets that name no page
// answer 4xx, not 500; junk in /keys's query gives the default view (issue #17); and `node lib/db/migrate.mjs`
// beside the running server succeeds without migrating (issue #18 item 9).
// The CLI side of the same files: tests/integration/db/damaged-file.test.ts.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { ensureUnlocked, snap } from "./helpers";
import { E2E_APP_PORT, E2E_DATA_DIR } from "./ports";

test.describe.configure({ mode: "serial" });

const PORT = E2E_APP_PORT + 95;
const BASE = `http://127.0.0.1:${PORT}`;
let root: string;
let dir: string;
let server: ChildProcess | undefined;
let keptAside: string;

test.beforeAll(async () => {
  // A Prisma migration and a second Next server on a busy two-core machine.
  test.setTimeout(240_000);
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kw-e2e-damaged-"));
  dir = path.join(root, "data");
  const env = { PATH: process.env.PATH, HOME: root, KEYWARDEN_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv;
  const migrated = spawnSync(process.execPath, ["lib/db/migrate.mjs"], { env, encoding: "utf8" });
  expect(migrated.status, migrated.stderr).toBe(0);
  const file = path.join(dir, "keywarden.db");
  const sqlite = new Database(file);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const { rootpage } = sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'Vault'").get() as { rootpage: number };
  const pageSize = sqlite.pragma("page_size", { simple: true }) as number;
  sqlite.close();
  keptAside = `${file}.before-restore-2026-12-01T10-00-00-000Z`;
  fs.copyFileSync(file, keptAside);
  const bytes = fs.readFileSync(file);
  bytes.fill(0xde, (rootpage - 1) * pageSize, rootpage * pageSize);
  fs.writeFileSync(file, bytes);
  // Next itself, as start.mjs runs it (the build is the shared server's); start.mjs would refuse a second
  // server only on the same data directory, and this one has its own.
  server = spawn(
    process.execPath,
    ["--require", "./lib/server/request-target-guard.cjs", "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(PORT)],
    { env: { ...env, PORT: String(PORT), NODE_ENV: "production" }, stdio: "ignore" },
  );
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${BASE}/unlock`, { redirect: "manual" }).then(
      () => true,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the second server did not start");
});

test.afterAll(() => {
  server?.kill("SIGKILL");
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

test("every page explains the damaged file instead of bouncing between /unlock and /setup", async ({ page }) => {
  for (const p of ["/unlock", "/setup", "/", "/keys", "/settings"]) {
    const res = await fetch(`${BASE}${p}`, { redirect: "manual" });
    // No redirect at all: the loop was /unlock → /setup → /unlock.
    expect(res.status, p).toBe(200);
    const html = await res.text();
    expect(html, p).toContain("The database file is damaged");
    expect(html, p).toContain(path.join(dir, "keywarden.db"));
    expect(html, p).toMatch(/PRAGMA integrity_check: \S/);
    expect(html, p).toContain(keptAside);
    expect(html, p).not.toMatch(/Create vault|Master passphrase/);
  }
  await page.goto(`${BASE}/setup`);
  await expect(page.getByRole("heading", { name: "The database file is damaged" })).toBeVisible();
  await expect(page.getByText(`keywarden restore "${keptAside}"`)).toBeVisible();
  await snap(page, "database-damaged");
});

test("a zero-byte file is damage too, not a new install", async ({ page }) => {
  fs.writeFileSync(path.join(dir, "keywarden.db"), "");
  for (const s of ["-wal", "-shm"]) fs.rmSync(path.join(dir, `keywarden.db${s}`), { force: true });
  await page.goto(`${BASE}/setup`);
  await expect(page.getByRole("heading", { name: "The database file is damaged" })).toBeVisible();
  await expect(page.getByText("the file is empty (0 bytes)")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create vault" })).toHaveCount(0);
  expect(fs.statSync(path.join(dir, "keywarden.db")).size).toBe(0);
});

/** The status line of a hand-written request: the target goes out exactly as given. */
function statusOf(target: string, port = E2E_APP_PORT): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, "127.0.0.1", () => s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let head = "";
    s.on("data", (d) => (head += d));
    s.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)));
    s.on("error", reject);
    s.setTimeout(30_000, () => s.destroy(new Error(`timeout on ${target}`)));
  });
}

test("request targets that name no page answer 4xx, never 500", async () => {
  // `*` and broken %-escapes used to be 500s with a stack in the server log (issue #18 item 11).
  expect(await statusOf("*")).toBe(400);
  // A path that does not decode is a bad request (400); a path that decodes but names nothing is not found (404).
  for (const p of ["/keys/%", "/keys/%E0%A4%A", "/%zz/x"]) expect(await statusOf(p), p).toBe(400);
  for (const p of ["/no-such-page", "/api/no-such-route", "/keys/00000000-0000-4000-8000-000000000000/nope"]) {
    expect(await statusOf(p), p).toBe(404);
  }
});

test("junk in the keys table's query gives the default view, never an error page", async ({ page }) => {
  await ensureUnlocked(page);
  await page.goto("/keys");
  await expect(page.getByRole("heading", { name: "Keys", exact: true })).toBeVisible();
  const rows = page.locator("table tbody tr");
  const all = await rows.count();
  for (const query of [
    "sort=__proto__&dir=sideways&page=-7",
    "grade=Z&purpose=%3Cscript%3E",
    "page=99999999999999999999999&sort=constructor",
    "grade=&grade=F%00&purpose[]=x&dir[]=asc",
    "q=%E2%80%AE&sort=%00",
  ]) {
    const res = await page.goto(`/keys?${query}`);
    expect(res?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { name: "Keys", exact: true }), query).toBeVisible();
    await expect(page.getByText("Something went wrong"), query).toHaveCount(0);
    if (!query.startsWith("q=")) await expect(rows, query).toHaveCount(all);
  }
});

test("`node lib/db/migrate.mjs` beside the running server: nothing to do, and it says so", async () => {
  const r = spawnSync(process.execPath, ["lib/db/migrate.mjs"], {
    env: { PATH: process.env.PATH, KEYWARDEN_DATA_DIR: path.resolve(E2E_DATA_DIR) } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/database ready/);
  expect(r.stdout + r.stderr).not.toMatch(/WASM_ERROR|SocketTimeout|Prisma schema loaded/);
  // The server still answers after it.
  expect(await statusOf("/unlock")).toBeLessThan(400);
});

test("a server action body over the documented 64 KiB is refused with 413 before it is read", async () => {
  const body = "x".repeat(200 * 1024);
  const res = await fetch(`http://127.0.0.1:${E2E_APP_PORT}/unlock`, {
    method: "POST",
    headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8", Origin: `http://127.0.0.1:${E2E_APP_PORT}` },
    body,
  });
  expect(res.status).toBe(413);
  expect(await res.text()).toMatch(/at most 64 KiB/);
});

test("a server action posted with junk instead of a form answers with a message, not a 500", async () => {
  // The unlock (or, without a vault, setup) form's action id, as the page hands it to the browser.
  const html = await (await fetch(`http://127.0.0.1:${E2E_APP_PORT}/unlock`)).text();
  const id = /&quot;id&quot;:&quot;([0-9a-f]{20,})&quot;/.exec(html)?.[1];
  expect(id).toBeTruthy();
  for (const args of ['[{},"x"]', "[{},null]", '[{},{"passphrase":"x"}]', "[{},7]"]) {
    const res = await fetch(`http://127.0.0.1:${E2E_APP_PORT}/unlock`, {
      method: "POST",
      headers: { "Next-Action": id!, "Content-Type": "text/plain;charset=UTF-8", Origin: `http://127.0.0.1:${E2E_APP_PORT}` },
      body: args,
    });
    expect(res.status, args).toBe(200);
    expect(await res.text(), args).toMatch(/"ok":false,"message":"[^"]+"/);
  }
});
