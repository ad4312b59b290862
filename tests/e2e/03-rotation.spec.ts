// A guided rotation in a real browser, against the simulator started by serve.ts: from the "Rotation overdue" finding
// on a key's page through plan, new key, a refused verification, verify, consumer checklist, "old key still works",
// to done once OKX answers the deleted old key with 50119. Every wizard step is scanned by axe in light and dark mode.
import { expect, test } from "@playwright/test";
import { ensureUnlocked, expectAccessible, findingCard, snap } from "./helpers";
import { addKeyViaForm, newCreds } from "./fleet";
import { simControl } from "./sim-control";

test.describe.configure({ mode: "serial" });

// The demo fleet's master account; the simulator pretends every request comes from 203.0.113.10.
const UID = "448203315678901";
const CALLER_IP = "203.0.113.10";

function simKey(perm: string, ip: string[]) {
  const k = newCreds("Rot");
  return { ...k, create: () => simControl.addKey({ ...k, label: "e2e rotation", perm, ip, uid: UID }) };
}

const old = simKey("read_only,trade", [CALLER_IP]);
const wrong = simKey("read_only,trade,withdraw", [CALLER_IP]);
const good = simKey("read_only,trade", [CALLER_IP]);

test("guided rotation from an overdue finding to done", async ({ page }) => {
  await old.create();
  await wrong.create();
  await good.create();
  await ensureUnlocked(page);

  await addKeyViaForm(page, { ...old, label: "rotate me", purpose: "trade", consumers: "freqtrade @ 203.0.113.10\nbackup bot", createdOn: "2025-01-10" });
  // Created 2025-01-10: far past the 180-day limit, so the age finding is "overdue" and offers Start rotation.
  // (The shared-key finding — two consumers — offers one too, and so does the master-account finding, which the check
  // made on save found: the link is taken from the overdue card only.)
  const ageDays = Math.floor((Date.now() - Date.parse("2025-01-10T00:00:00Z")) / 86_400_000);
  const overdue = findingCard(page, `Rotation overdue: key is ${ageDays} days old (limit 180)`);
  await expect(overdue.getByText("high", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Start rotation" })).toHaveCount(3);
  await overdue.scrollIntoViewIfNeeded();
  await snap(page, "rotation-from-finding");
  await overdue.getByRole("link", { name: "Start rotation" }).click();
  await expect(page).toHaveURL(/\/keys\/[^/]+\/rotate$/);
  await expect(page.getByRole("heading", { name: "Rotate “rotate me”" })).toBeVisible();
  await expect(page.getByText(/Profile → API/)).toBeVisible();
  await expectAccessible(page, "rotation plan");
  await snap(page, "rotation-plan");
  await page.getByRole("button", { name: "Start rotation" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Enter the new key" })).toHaveAttribute("aria-current", "step");
  await expectAccessible(page, "rotation: enter the new key");

  await page.getByLabel("New API key").fill(wrong.apiKey);
  await page.getByLabel("New secret key").fill(wrong.secretKey);
  await page.getByLabel("New API passphrase").fill(wrong.passphrase);
  await page.getByRole("button", { name: "Store the new key" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Verify the new key" })).toHaveAttribute("aria-current", "step");
  await page.getByRole("button", { name: "Verify with OKX" }).click();
  await expect(page.getByText(/Withdraw permission, which a trading-bot key does not need/)).toBeVisible();
  // The reasons are listed above the button, and the message says so (issue #13 item 17).
  await expect(page.getByText("The new key was not accepted. See the reasons above.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Continue anyway/ })).toHaveCount(0);
  await expectAccessible(page, "rotation: refused");
  await snap(page, "rotation-refused");

  await page.getByText("Entered the wrong key? Enter a different one").click();
  await page.getByLabel("New API key").fill(good.apiKey);
  await page.getByLabel("New secret key").fill(good.secretKey);
  await page.getByLabel("New API passphrase").fill(good.passphrase);
  await page.getByRole("button", { name: "Replace the new key" }).click();
  await expect(page.getByText(/credentials were replaced/)).toBeVisible();
  await page.getByRole("button", { name: "Verify with OKX" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Switch consumers" })).toHaveAttribute("aria-current", "step");

  await page.getByRole("button", { name: "All consumers switched: continue" }).click();
  await expect(page.getByText(/Still using the old key: freqtrade, backup bot/)).toBeVisible();
  await page.getByRole("button", { name: "Mark “freqtrade” switched" }).click();
  await expect(page.getByRole("button", { name: "Undo “freqtrade”" })).toBeVisible();
  await page.getByRole("button", { name: "Mark “backup bot” switched" }).press("Enter");
  await expect(page.getByRole("button", { name: "Undo “backup bot”" })).toBeVisible();
  await expectAccessible(page, "rotation: consumers");
  await snap(page, "rotation-consumers");
  await page.getByRole("button", { name: "All consumers switched: continue" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Revoke the old key" })).toHaveAttribute("aria-current", "step");

  await page.getByRole("button", { name: "I deleted it: check with OKX" }).click();
  // Said once, in the step's "Last check" line, not again by the form (issue #13 item 17).
  await expect(page.getByText(/The old key still works/)).toHaveCount(1);
  // Deleted on okx.com: the host that answered for the old key now says "API key doesn't exist" (50119), which
  // is OKX's answer for a deleted key, so the wizard finishes and the old secrets are destroyed.
  await simControl.removeKey(old.apiKey);
  const before = await simControl.countCode("50119");
  await page.getByRole("button", { name: "I deleted it: check with OKX" }).click();
  await expect(page.getByText(/Rotation finished/)).toBeVisible();
  expect(await simControl.countCode("50119")).toBeGreaterThan(before);
  await expectAccessible(page, "rotation: done");
  await snap(page, "rotation-done");
  const html = await page.content();
  for (const s of [old.secretKey, old.passphrase, good.secretKey, good.passphrase]) expect(html).not.toContain(s);
});
