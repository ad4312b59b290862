// Settings → Scan in a real browser: a generated folder of bots, a scan that finds the stored key in a .env file and a
// freqtrade config (its consumers fill in) and an OKX key Keywarden does not know (added from the file, its secret
// never sent to the browser); then a guided rotation writes the new key into both files — with a reload mid-way — and
// the files on disk hold the new key, not the old, with 0600 backups beside them. No found secret in any response.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { collectResponses, ensureUnlocked, expectAccessible, snap } from "./helpers";
import { addKeyViaForm, newCreds } from "./fleet";
import { simControl } from "./sim-control";
import { E2E_DATA_DIR, E2E_SERVER_LOG } from "./ports";
import { envFile, freqtradeConfig } from "../support/scan-fixture";

test.describe.configure({ mode: "serial" });

const UID = "448203315678901";
const CALLER_IP = "203.0.113.10";

function simKey(perm: string, ip: string[], label: string) {
  const k = newCreds("Scan");
  return { ...k, create: () => simControl.addKey({ ...k, label, perm, ip, uid: UID }) };
}

const old = simKey("read_only,trade", [CALLER_IP], "e2e scan old");
const fresh = simKey("read_only,trade", [CALLER_IP], "e2e scan new");
const found = simKey("read_only", [CALLER_IP], "e2e scan found");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "kw-e2e-scan-"));
const envPath = path.join(root, "grid-bot", ".env");
const ftPath = path.join(root, "freqtrade", "user_data", "config.json");
const taxPath = path.join(root, "tax-tool", ".env");

function writeFixture() {
  fs.mkdirSync(path.dirname(envPath), { recursive: true });
  fs.mkdirSync(path.dirname(ftPath), { recursive: true });
  fs.mkdirSync(path.dirname(taxPath), { recursive: true });
  fs.writeFileSync(envPath, envFile(old), { mode: 0o600 });
  fs.writeFileSync(ftPath, freqtradeConfig(old), { mode: 0o600 });
  fs.writeFileSync(taxPath, envFile(found), { mode: 0o644 });
}

test("scan fills the consumers, and the rotation writes the new key into the files", async ({ page }) => {
  test.setTimeout(180_000);
  await Promise.all([old.create(), fresh.create(), found.create()]);
  writeFixture();
  const responses = collectResponses(page);
  await ensureUnlocked(page);

  await addKeyViaForm(page, { ...old, label: "scanned bot key", purpose: "trade", createdUnknown: true });
  const keyPath = new URL(page.url()).pathname;

  // Settings → Scan.
  await page.goto("/settings");
  await page.getByRole("link", { name: "Open Scan" }).click();
  await expect(page.getByRole("heading", { name: "Scan: where is each key used?" })).toBeVisible();
  await page.getByLabel("Folders to scan").fill(`relative/folder`);
  await page.getByRole("button", { name: "Scan these folders" }).click();
  await expect(page.getByText("Use absolute folder paths, such as /home/me/bots.")).toBeVisible();
  await page.getByLabel("Folders to scan").fill(root);
  await page.getByRole("button", { name: "Scan these folders" }).press("Enter");
  await expect(page.getByText(/Scan finished: \d+ files looked at, 3 with OKX credentials/)).toBeVisible();
  const used = page.getByRole("region", { name: "Your keys, and the files that hold them" });
  await expect(used.getByRole("heading", { name: /scanned bot key is used in 2 files/ })).toBeVisible();
  await expect(used.getByText(envPath, { exact: true })).toBeVisible();
  await expect(used.getByText(ftPath, { exact: true })).toBeVisible();
  const unknown = page.getByRole("region", { name: "OKX keys Keywarden does not know" });
  await expect(unknown.getByText(/Every user of this machine can read it \(mode 644\)/)).toBeVisible();
  await expectAccessible(page, "scan result");
  await snap(page, "scan-result");

  // The result is kept: a reload shows it again.
  await page.reload();
  await expect(used.getByRole("heading", { name: /scanned bot key is used in 2 files/ })).toBeVisible();

  // Add the unknown key from its file: only the label and purpose go over the wire.
  await unknown.getByText("Add it to Keywarden").click();
  await unknown.getByLabel("Label in Keywarden").fill("tax tool key");
  await unknown.getByLabel("What is it for?").selectOption("read");
  await unknown.getByRole("button", { name: "Add this key and check it" }).click();
  await expect(page.getByRole("heading", { name: "tax tool key" })).toBeVisible();
  await expect(page.getByText(`tax-tool @ ${os.hostname()} file:${taxPath}`)).toBeVisible();

  // The stored key's consumers are the two files.
  await page.goto(keyPath);
  await expect(page.getByText(`file:${envPath}`)).toBeVisible();
  await expect(page.getByText(`file:${ftPath}`)).toBeVisible();

  // Guided rotation.
  await page.goto(`${keyPath}/rotate`);
  await page.getByRole("button", { name: "Start rotation" }).click();
  await page.getByLabel("New API key").fill(fresh.apiKey);
  await page.getByLabel("New secret key").fill(fresh.secretKey);
  await page.getByLabel("New API passphrase").fill(fresh.passphrase);
  await page.getByRole("button", { name: "Store the new key" }).click();
  await page.getByRole("button", { name: "Verify with OKX" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Switch consumers" })).toHaveAttribute("aria-current", "step");
  await expect(page.getByRole("button", { name: "Write the new key into this file" })).toHaveCount(2);
  await expectAccessible(page, "rotation: write into files");
  await snap(page, "scan-rotation-switch");

  // Nothing has been written before the click.
  expect(fs.readFileSync(envPath, "utf8")).toBe(envFile(old));
  const envItem = page.getByRole("listitem").filter({ hasText: envPath });
  await envItem.getByRole("button", { name: "Write the new key into this file" }).click();
  await expect(envItem.getByText(/New key written into the file .* and read back/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo “grid-bot”" })).toBeVisible();
  expect(fs.readFileSync(envPath, "utf8")).toBe(envFile(fresh));

  // Reload mid-way: the tick and the written note come from the stored rotation.
  await page.reload();
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: envPath })
      .getByText(/New key written into the file/),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Write the new key into this file" })).toHaveCount(1);

  const ftItem = page.getByRole("listitem").filter({ hasText: ftPath });
  await ftItem.getByRole("button", { name: "Write the new key into this file" }).click();
  await expect(ftItem.getByText(/New key written into the file/)).toBeVisible();
  expect(fs.readFileSync(ftPath, "utf8")).toBe(freqtradeConfig(fresh));
  await snap(page, "scan-rotation-written");
  for (const f of [envPath, ftPath]) {
    const backups = fs.readdirSync(path.dirname(f)).filter((n) => n.startsWith(`${path.basename(f)}.keywarden-backup-`));
    expect(backups).toHaveLength(1);
    expect(fs.statSync(path.join(path.dirname(f), backups[0])).mode & 0o777).toBe(0o600);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  }

  await page.getByRole("button", { name: "All consumers switched: continue" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Revoke the old key" })).toHaveAttribute("aria-current", "step");
  await simControl.removeKey(old.apiKey);
  await page.getByRole("button", { name: "I deleted it: check with OKX" }).click();
  await expect(page.getByText(/Rotation finished/)).toBeVisible();

  // The new key carries the files as its consumers.
  await page
    .getByRole("link", { name: /“scanned bot key/ })
    .first()
    .click();
  await expect(page.getByText(`file:${envPath}`)).toBeVisible();

  // No found secret or passphrase in any response this test saw, nor in the server's log.
  const log = fs.existsSync(E2E_SERVER_LOG) ? fs.readFileSync(E2E_SERVER_LOG, "utf8") : "";
  const dbFiles = ["keywarden.db", "keywarden.db-wal"].map((n) => path.join(E2E_DATA_DIR, n)).filter((f) => fs.existsSync(f));
  const all = responses.join("\n") + log + dbFiles.map((f) => fs.readFileSync(f).toString("latin1")).join("");
  for (const k of [old, fresh, found]) {
    expect(all).not.toContain(k.secretKey);
    expect(all).not.toContain(k.passphrase);
  }
  expect(all).not.toContain(found.apiKey);
});
