// Keys on OKX that Keywarden doesn't hold, in a real browser: a master key's listing shows two sub-account keys that
// are not stored. The user starts on the overview, sees them as unmanaged (overview panel, keys table, filters), adopts
// one — a wrong secret first (refused by OKX with 50113, nothing stored), a reload, then the right one — and deletes
// the other on OKX with the typed confirmation (a wrong name first, a reload mid-way), verified gone on the simulator.
// The adopted key's secret and passphrase appear in no response and not in the server log.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { collectResponses, ensureUnlocked, expectAccessible, snap } from "./helpers";
import { addKeyViaForm, newCreds } from "./fleet";
import { simControl } from "./sim-control";
import { E2E_SERVER_LOG } from "./ports";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

// An account of its own, so no earlier spec's master key lists these keys (or ours lists theirs).
const UID = "771100220033001";
const LIVE = { subAcct: "e2e-unm-live", uid: "771100220033002" };
const OPS = { subAcct: "e2e-unm-ops", uid: "771100220033003" };
const CALLER_IP = "203.0.113.10";

const master = newCreds("Unm");
const keep = newCreds("Keep");
const stale = newCreds("Stale");

test("unmanaged keys: seen on the overview and in the table, one adopted, one deleted on OKX", async ({ page }) => {
  await simControl.addAccount({
    uid: UID,
    subAccounts: [
      { ...LIVE, createdDaysAgo: 400 },
      { ...OPS, frozen: true, createdDaysAgo: 500 },
    ],
  });
  await simControl.addKey({ ...master, label: "e2e unm master", perm: "read_only,trade", ip: [CALLER_IP], uid: UID });
  await simControl.addKey({
    ...keep,
    label: "e2eKeepBot",
    perm: "read_only,trade",
    ip: [CALLER_IP],
    uid: LIVE.uid,
    subAcct: LIVE.subAcct,
    createdDaysAgo: 100,
  });
  await simControl.addKey({ ...stale, label: "e2eOldTracker", perm: "read_only", ip: [], uid: OPS.uid, subAcct: OPS.subAcct, createdDaysAgo: 300 });
  const responses = collectResponses(page);
  await ensureUnlocked(page);

  // The master key, added (and so checked, which lists its sub-accounts' keys).
  await addKeyViaForm(page, { ...master, label: "e2e unm master", purpose: "trade", createdOn: "2026-11-01" });

  // Where a user starts: the overview says there are keys on OKX it does not hold, counted apart from the posture.
  await page.goto("/");
  const panel = page.locator("section").filter({ has: page.getByRole("heading", { name: "Keys on OKX that Keywarden doesn't hold" }) });
  await expect(panel.getByRole("link", { name: "e2eKeepBot" })).toBeVisible();
  await expect(panel.getByRole("link", { name: "e2eOldTracker" })).toBeVisible();
  await expect(page.getByTestId("posture-scope")).toContainText("Stored keys only");
  await expectAccessible(page, "overview with unmanaged keys");
  await snap(page, "unmanaged-overview");

  // The keys table: both as unmanaged rows; the "Held by" filter and sorting keep working.
  await panel.getByRole("link", { name: "All unmanaged keys in the keys table →" }).click();
  await expect(page).toHaveURL(/kind=unmanaged/);
  const rows = page.getByTestId("unmanaged-row");
  await expect(rows.filter({ hasText: "e2eKeepBot" })).toContainText("unmanaged");
  await expect(rows.filter({ hasText: "e2eOldTracker" })).toContainText(OPS.subAcct);
  await expect(page.getByRole("link", { name: "e2e unm master" })).toHaveCount(0);
  // The frozen sub-account's read-only key, 300 days old: D (high findings), never better than known.
  await expect(rows.filter({ hasText: "e2eOldTracker" }).getByRole("img", { name: "Grade D" })).toBeVisible();
  await page.getByRole("link", { name: /^Age/ }).click();
  await expect(page).toHaveURL(/sort=age/);
  await expect(page).toHaveURL(/kind=unmanaged/);
  // Oldest first (earlier specs' master keys may list older unmanaged keys of their own).
  const order = (await rows.allTextContents()).map((t) => (t.includes("e2eOldTracker") ? "old" : t.includes("e2eKeepBot") ? "keep" : "")).filter(Boolean);
  expect(order).toEqual(["old", "keep"]);
  await expectAccessible(page, "keys table, unmanaged");
  await snap(page, "unmanaged-keys-table");
  await page.getByLabel("Held by").selectOption("stored");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: "e2e unm master" })).toBeVisible();
  await expect(rows).toHaveCount(0);

  // Adopt e2eKeepBot: a wrong secret first.
  await page.goto("/keys?kind=unmanaged");
  await rows.filter({ hasText: "e2eKeepBot" }).getByRole("link", { name: "e2eKeepBot" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "e2eKeepBot" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /On OKX but not in Keywarden/ })).toBeVisible();
  await expectAccessible(page, "unmanaged key page");
  await snap(page, "unmanaged-key-page");
  await page.getByLabel("Label in Keywarden").fill("keep bot (adopted)");
  await page.getByLabel("Secret key").fill(stale.secretKey);
  await page.getByLabel("API passphrase").fill(keep.passphrase);
  await page.getByRole("button", { name: "Verify with OKX and adopt" }).click();
  await expect(page.getByText(/OKX refused the signature \(50113\)/)).toBeVisible();
  await expect(page.getByLabel("Secret key")).toHaveValue("");
  await expect(page.getByLabel("API passphrase")).toHaveValue("");
  await expectAccessible(page, "adopt refused");
  await snap(page, "unmanaged-adopt-refused");
  // A reload mid-way: the key is still unmanaged and nothing was stored.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "e2eKeepBot" })).toBeVisible();
  await page.getByLabel("Label in Keywarden").fill("keep bot (adopted)");
  await page.getByLabel("Secret key").fill(keep.secretKey);
  await page.getByLabel("API passphrase").fill(keep.passphrase);
  await page.getByRole("button", { name: "Verify with OKX and adopt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "keep bot (adopted)" })).toBeVisible();
  await expect(page).toHaveURL(/adopted=1/);
  await expect(page.getByText(/Key adopted: OKX answered for it/)).toBeVisible();
  await expect(page.getByText(LIVE.subAcct).first()).toBeVisible();
  const adoptedUrl = page.url();

  // Delete e2eOldTracker on OKX: a wrong name first, a reload, then the right name.
  await page.goto("/keys?kind=unmanaged");
  await expect(rows.filter({ hasText: "e2eKeepBot" })).toHaveCount(0);
  await rows.filter({ hasText: "e2eOldTracker" }).getByRole("link", { name: "e2eOldTracker" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "e2eOldTracker" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /e2e-unm-ops.*frozen or disabled/ })).toBeVisible();
  await page.getByLabel("Type “e2eOldTracker” to confirm").fill("e2eOldTrack");
  await page.getByRole("button", { name: "Delete on OKX" }).click();
  await expect(page.getByText("Type “e2eOldTracker” exactly to confirm deleting it on OKX.")).toBeVisible();
  expect((await simControl.getKey(stale.apiKey))?.deletedAt).toBeUndefined();
  await snap(page, "unmanaged-delete-refused");
  await page.reload();
  await page.getByLabel("Type “e2eOldTracker” to confirm").fill("e2eOldTracker");
  await page.getByRole("button", { name: "Delete on OKX" }).click();
  await expect(page.getByText("The key was deleted on OKX: its master key's listing no longer shows it.")).toBeVisible();
  expect((await simControl.getKey(stale.apiKey))?.deletedAt).toBeDefined();
  await expect(page.getByTestId("unmanaged-row").filter({ hasText: "e2eOldTracker" })).toHaveCount(0);
  await expectAccessible(page, "keys after delete on OKX");
  await snap(page, "unmanaged-after-delete");

  // Canary: the adopted key's secrets in no response (pages, RSC payloads, action replies) and not in the log.
  for (const path of [adoptedUrl, "/", "/keys", "/audit-log", "/findings"]) await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const log = fs.existsSync(E2E_SERVER_LOG) ? fs.readFileSync(E2E_SERVER_LOG, "utf8") : "";
  const all = responses.join("\n") + log;
  expect(responses.length).toBeGreaterThan(20);
  for (const s of [keep.secretKey, keep.passphrase, stale.secretKey, master.secretKey]) expect(all).not.toContain(s);
  // The public keys of unmanaged keys never reach the browser either (forms name them by row id).
  expect(responses.join("\n")).not.toContain(stale.apiKey);
});
