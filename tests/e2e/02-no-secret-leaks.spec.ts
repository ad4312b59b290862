// Security rule 4: a canary secret must not appear in any HTML or RSC response, the client JS those pages load,
// error pages, a check's stored failure, the exports, a backup, the server's log, or the SQLite file (and its
// WAL) in clear.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { CANARY, MASTER, unlock } from "./helpers";
import { E2E_DATA_DIR, E2E_SERVER_LOG } from "./ports";

const SECRETS = [CANARY.secretKey, CANARY.passphrase, CANARY.apiKey, MASTER];

/** Every /_next/static/… asset a page names (script src, preload links, and chunk paths inside inline scripts). */
function staticAssets(html: string): string[] {
  return [...html.matchAll(/\/_next\/static\/[A-Za-z0-9_\-./~%[\]()@]+?\.(?:js|css)/g)].map((m) => m[0]);
}

test("canary secrets never leave the server", async ({ page, request }) => {
  test.setTimeout(90_000);
  await unlock(page);
  await page.goto("/keys/new");
  await page.getByLabel("Label").fill("canary");
  await page.getByLabel("API key").fill(CANARY.apiKey);
  await page.getByLabel("Secret key").fill(CANARY.secretKey);
  await page.getByLabel("API passphrase").fill(CANARY.passphrase);
  await page.getByLabel("I don't know").check();
  const responses: string[] = [];
  const loadedAssets = new Set<string>();
  page.on("response", async (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/_next/static/")) loadedAssets.add(url.pathname);
    try {
      responses.push(await r.text());
    } catch {}
  });
  await page.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByRole("heading", { name: "canary" })).toBeVisible();
  const keyPath = new URL(page.url()).pathname;
  // A check with the canary key (OKX does not know it: the failure path stores OKX's message and advice).
  const checked = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"], { timeout: 30_000 });
  await page.getByRole("button", { name: "Check now" }).click();
  await checked;
  await expect(page.getByRole("button", { name: "Check now" })).toBeEnabled();
  // The rotation wizard in the browser too (its client components load their own chunks).
  await page.goto(`${keyPath}/rotate`);
  await expect(page.getByRole("heading", { name: "Rotate “canary”" })).toBeVisible();

  const cookies = await page.context().cookies();
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const assets = new Set(loadedAssets);
  for (const p of ["/", "/keys", "/findings", "/findings?group=key", keyPath, `${keyPath}/edit`, `${keyPath}/rotate`, "/audit-log", "/settings"]) {
    for (const rsc of [false, true]) {
      const res = await request.get(p, { headers: { cookie: cookieHeader, ...(rsc ? { RSC: "1" } : {}) } });
      expect(res.status(), p).toBe(200);
      const body = await res.text();
      responses.push(body);
      for (const a of staticAssets(body)) assets.add(a);
    }
  }
  // Error pages, signed in: an unknown route (404), and an unknown key, whose not-found page may come with a 200
  // because (dashboard)/loading.tsx streams the page before notFound() runs (see 05-security).
  for (const [p, statuses] of [
    ["/no-such-page", [404]],
    ["/keys/00000000-0000-4000-8000-000000000000", [200, 404]],
  ] as const) {
    const res = await request.get(p, { headers: { cookie: cookieHeader } });
    expect(statuses, p).toContain(res.status());
    const body = await res.text();
    expect(body, p).toMatch(/does not exist|could not be found/i);
    responses.push(body);
  }

  // Exports in every format, and the backup download (binary: checked below with the database files).
  for (const format of ["json", "csv", "md"]) {
    const res = await request.get(`/api/export?format=${format}`, { headers: { cookie: cookieHeader } });
    expect(res.status(), format).toBe(200);
    responses.push(await res.text());
  }
  const backup = await request.get("/api/backup", { headers: { cookie: cookieHeader } });
  expect(backup.status()).toBe(200);
  const backupBytes = await backup.body();

  const scripts = [...assets].filter((a) => a.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(5);
  for (const a of assets) {
    const res = await request.get(a);
    expect(res.status(), a).toBe(200);
    responses.push(await res.text());
  }

  const all = responses.join("\n");
  expect(all).toContain("canary");
  for (const secret of SECRETS) expect(all).not.toContain(secret);
  const log = fs.readFileSync(E2E_SERVER_LOG, "utf8");
  for (const secret of SECRETS) expect(log).not.toContain(secret);

  // The database as it sits on disk: the main file and the WAL (where the newest writes still are).
  const files = fs.readdirSync(E2E_DATA_DIR).filter((f) => /^keywarden\.db(-wal)?$/.test(f));
  expect(files).toContain("keywarden.db");
  let labelSeen = false; // the label is stored in clear: proves the scan reads the right, current bytes
  const blobs: [string, Buffer][] = [...files.map((f): [string, Buffer] => [f, fs.readFileSync(path.join(E2E_DATA_DIR, f))]), ["backup download", backupBytes]];
  for (const [f, bytes] of blobs) {
    labelSeen ||= bytes.includes(Buffer.from("canary"));
    for (const secret of SECRETS) {
      for (const enc of ["utf8", "utf16le"] as const) expect(bytes.includes(Buffer.from(secret, enc)), `${secret} in ${f} (${enc})`).toBe(false);
      expect(bytes.includes(Buffer.from(secret.toLowerCase())), `${secret} lower-cased in ${f}`).toBe(false);
    }
  }
  expect(labelSeen).toBe(true);
});
