// Reports and backups from the dashboard: a dated Markdown report without secrets, a backup download, a refused
// foreign file, a backup refused for a passphrase that does not open its vault, and a restore that brings the same
// keys back behind the same passphrase.
import fs from "node:fs";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { CANARY, MASTER, snap, unlock } from "./helpers";
import { SEED_KEYS } from "./fleet";

test.describe.configure({ mode: "serial" });

test("export the audit as Markdown and CSV, with no secret in them", async ({ page }) => {
  await unlock(page);
  for (const [name, format] of [
    ["Markdown", "md"],
    ["CSV", "csv"],
  ] as const) {
    const download = page.waitForEvent("download");
    await page.getByRole("navigation", { name: "Export the audit" }).getByRole("link", { name }).click();
    const file = await (await download).path();
    const text = fs.readFileSync(file, "utf8");
    expect(text.length).toBeGreaterThan(50);
    for (const k of SEED_KEYS) {
      expect(text).not.toContain(k.secretKey);
      expect(text).not.toContain(k.apiKey);
    }
    expect(text).not.toContain(CANARY.secretKey);
    if (format === "md") expect(text).toMatch(/\d{4}-\d{2}-\d{2}/);
  }
});

test("backup, refuse a foreign file, restore the backup", async ({ page }) => {
  await unlock(page);
  await page.goto("/keys");
  const labelsBefore = await page.locator("tbody tr td:nth-child(2) a").allInnerTexts();
  await page.goto("/settings");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download a backup" }).click();
  const backupPath = await (await download).path();
  const bytes = fs.readFileSync(backupPath);
  expect(bytes.subarray(0, 15).toString()).toBe("SQLite format 3");
  for (const k of SEED_KEYS) expect(bytes.includes(Buffer.from(k.secretKey))).toBe(false);

  fs.mkdirSync(".tmp", { recursive: true });
  fs.writeFileSync(".tmp/not-a-backup.db", "hello, I am not a database");
  page.once("dialog", (d) => d.accept());
  await page.getByLabel("Restore from a backup file").setInputFiles(".tmp/not-a-backup.db");
  await page.getByLabel("Master passphrase of this backup").fill(MASTER);
  await page.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /not a Keywarden backup|not.*backup/i })).toBeVisible();

  // The backup's vault must open with the passphrase given for it: a wrong one is refused on the field.
  page.once("dialog", (d) => d.accept());
  await page.getByLabel("Restore from a backup file").setInputFiles(backupPath);
  const passphrase = page.getByLabel("Master passphrase of this backup");
  await passphrase.fill("not-the-passphrase-of-this-backup-1");
  await page.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page.getByText("This backup's vault does not open with that passphrase.")).toBeVisible();
  await expect(passphrase).toHaveAttribute("aria-invalid", "true");
  // Emptied after the attempt: the passphrase stays nowhere on the page.
  await expect(passphrase).toHaveValue("");
  expect(await page.content()).not.toContain("not-the-passphrase-of-this-backup-1");
  await expect(page).toHaveURL(/\/settings$/);
  await snap(page, "restore-wrong-passphrase");
  await page.goto("/keys");
  expect(await page.locator("tbody tr td:nth-child(2) a").allInnerTexts()).toEqual(labelsBefore);

  await page.goto("/settings");
  page.once("dialog", (d) => d.accept());
  await page.getByLabel("Restore from a backup file").setInputFiles(backupPath);
  await page.getByLabel("Master passphrase of this backup").fill(MASTER);
  await page.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page).toHaveURL(/\/unlock$/);
  await unlock(page);
  await page.goto("/keys");
  expect(await page.locator("tbody tr td:nth-child(2) a").allInnerTexts()).toEqual(labelsBefore);
});

test("a backup over 10 MB restores from the dashboard too", async ({ page }) => {
  test.setTimeout(120_000);
  await unlock(page);
  await page.goto("/settings");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download a backup" }).click();
  const small = await (await download).path();
  // A long audit history is what makes real backups large; 16 MB is past proxy.ts's default 10 MB body cut.
  fs.mkdirSync(".tmp", { recursive: true });
  const big = ".tmp/large-backup.db";
  fs.rmSync(big, { force: true });
  fs.copyFileSync(small, big);
  const sqlite = new Database(big);
  const insert = sqlite.prepare("INSERT INTO AuditEvent (at, actor, action, detail) VALUES (?, 'system', 'test.padding', ?)");
  const detail = JSON.stringify({ pad: "x".repeat(1024 * 1024) });
  sqlite.transaction(() => {
    for (let i = 0; i < 16; i++) insert.run(Date.now(), detail);
  })();
  sqlite.close();
  expect(fs.statSync(big).size).toBeGreaterThan(16 * 1024 * 1024);

  for (const file of [big, small]) {
    await page.goto("/settings");
    page.once("dialog", (d) => d.accept());
    await page.getByLabel("Restore from a backup file").setInputFiles(file);
    await page.getByLabel("Master passphrase of this backup").fill(MASTER);
    await page.getByRole("button", { name: "Restore", exact: true }).click();
    await expect(page).toHaveURL(/\/unlock$/, { timeout: 60_000 });
    await unlock(page);
  }
});
