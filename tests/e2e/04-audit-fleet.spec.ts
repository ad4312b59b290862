// A seeded fleet walked end to end: add keys → check all (live progress) → findings with fixes on the overview,
// the keys table and each key's page; the policy re-grades instantly; every page passes an axe scan.
import { expect, test, type Page } from "@playwright/test";
import { duplicateIds, expectAccessible, findingCard, snap, unlock } from "./helpers";
import { addKeyViaForm, addSeedKey } from "./fleet";
import { backdateChecks } from "./e2e-db";
import { simControl } from "./sim-control";

test.describe.configure({ mode: "serial" });

const FLEET = ["Koinly tax export", "freqtrade-spot-laptop", "hummingbot-2024", "grid-bot", "portfolio-tracker"];
const ids: Record<string, string> = {};
// A read-only tracker on the master account that someone will edit on okx.com between two checks.
const DRIFTER = {
  apiKey: "6f1d2c3b-4a59-4e87-9c10-2b3a4c5d6e7f",
  secretKey: "7D3A9C1E5B2F4A6C8E0D1B3F5A7C9E2D",
  passphrase: "Drifting-Tracker-8",
  okxLabel: "tracker-readonly-2026",
};
const DAY_MS = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);

async function expectFinding(page: Page, title: string, severity: string, step: string) {
  const card = findingCard(page, title);
  await expect(card).toHaveCount(1);
  await expect(card.getByText(severity, { exact: true })).toBeVisible();
  await expect(card.getByRole("listitem").filter({ hasText: step })).toHaveCount(1);
  return card;
}

test("add the fleet and check every key with live progress", async ({ page }) => {
  test.setTimeout(120_000);
  await simControl.addKey({ ...DRIFTER, label: DRIFTER.okxLabel, perm: "read_only", ip: ["203.0.113.10"], uid: "448203315678901" });
  await unlock(page);
  for (const label of FLEET) ids[label] = await addSeedKey(page, label);
  ids.drifter = await addKeyViaForm(page, { ...DRIFTER, label: "Drifting tracker", purpose: "read", createdDaysAgo: 15, consumers: "tax spreadsheet" });
  await page.goto("/");
  await page.getByRole("button", { name: "Check all keys" }).click();
  await expect(page.getByRole("progressbar", { name: "Check progress" })).toBeVisible();
  await expect(page.getByText(/^Done:/)).toBeVisible({ timeout: 30_000 });
});

// OKX reports no last use and a check is not known to count as one, so the owner says when freqtrade last ran:
// 12 days ago (Last use on the key page). OKX's 14-day clock then has under 2 days left: critical. Its checks are
// also moved 12 days back in the database (tests/e2e/e2e-db.ts), so stale-check notices nothing has checked it since.
let deletionAt: Date;
test("an unbound trading key unused for 12 days is about to be deleted by OKX", async ({ page }) => {
  const lastOk = backdateChecks(ids["freqtrade-spot-laptop"], 12);
  expect(lastOk).not.toBeNull();
  const lastUse = ymd(new Date(Date.now() - 12 * DAY_MS));
  deletionAt = new Date(Date.parse(lastUse) + 14 * DAY_MS);
  await unlock(page);
  await page.goto(`/keys/${ids["freqtrade-spot-laptop"]}`);
  await page.getByLabel("Last used on").fill(lastUse);
  await page.getByRole("button", { name: "Save last use" }).click();
  await expect(page.getByText(`Last use saved: the countdown now runs from ${lastUse}.`)).toBeVisible();
  await page.reload();
  await expectFinding(
    page,
    `OKX deletes this key in 1 day (${ymd(deletionAt)}) unless it is used (no use recorded since ${lastUse})`,
    "critical",
    "Bind the consumers' IPs so OKX never deletes it: okx.com → Profile → API → Edit 'freqtrade-spot-laptop' → IP address → add IPs → Confirm",
  );
  await expectFinding(
    page,
    "No IP allowlist on a key that can trade",
    "high",
    "okx.com → Profile → API → Edit 'freqtrade-spot-laptop' → IP address → add those IPs (up to 20) → Confirm",
  );
  await expectFinding(page, "Not checked successfully for 12 days", "medium", "Keywarden → key page → Check now");
  await snap(page, "key-near-deletion");
});

test("someone edits a key on okx.com: the next check shows each change as its own finding", async ({ page }) => {
  await simControl.modifyKey(DRIFTER.apiKey, { perm: "read_only,trade", ip: ["203.0.113.10", "198.51.100.77"], label: "tracker-edited" });
  await unlock(page);
  await page.goto(`/keys/${ids.drifter}`);
  await expect(page.getByText("No findings: this key matches its purpose.")).toBeVisible();
  await page.getByRole("button", { name: "Check now" }).click();
  const compromised = /^If you did not make this change, someone has access to your OKX account/;
  const perm = await expectFinding(
    page,
    "Permissions widened since the previous check: +Trade",
    "high",
    "Review 'tracker-edited' at okx.com → Profile → API and untick what it does not need",
  );
  await expect(perm.getByRole("listitem").filter({ hasText: compromised })).toHaveCount(1);
  await expect(perm.getByRole("link", { name: "Start rotation" })).toBeVisible();
  await expectFinding(
    page,
    "IP allowlist changed since the previous check: +198.51.100.77",
    "medium",
    "Confirm each IP at okx.com → Profile → API belongs to one of this key's consumers",
  );
  await expectFinding(
    page,
    "Label on OKX changed: 'tracker-readonly-2026' → 'tracker-edited'",
    "info",
    "If you want the names to match: Keywarden → key page → Edit → Label",
  );
  await expectFinding(page, "Trade is enabled on a read-only tracker", "high", "okx.com → Profile → API → Edit 'tracker-edited' → untick Trade → Confirm");
  // Three drift findings on one key: each card has its own id, and its article is labelled by its own heading.
  expect(await duplicateIds(page)).toEqual([]);
  await expect(page.getByRole("article", { name: /since the previous check|Label on OKX changed/ })).toHaveCount(3);
  await snap(page, "key-drift");
});

test("the overview puts the dangerous keys first, with fixes", async ({ page }) => {
  await unlock(page);
  const top = page.locator("section[aria-labelledby=top]");
  await expect(top.getByText("critical").first()).toBeVisible();
  await expect(findingCard(top, "Withdraw is enabled on a read-only tracker")).toHaveCount(1);
  const countdown = page.locator("section[aria-labelledby=deletion]").getByRole("listitem").filter({ hasText: "freqtrade on laptop" });
  await expect(countdown).toContainText(`1 day left (${ymd(deletionAt)})`);
  await expect(page.locator("section[aria-labelledby=due]").getByRole("listitem").filter({ hasText: "Grid bot" })).toContainText("200 days old · overdue");
  expect(await duplicateIds(page)).toEqual([]);
  await snap(page, "overview");
});

test("each seeded problem shows on its key page with concrete fix steps", async ({ page }) => {
  await unlock(page);
  await page.goto(`/keys/${ids["Koinly tax export"]}`);
  await expectFinding(
    page,
    "Withdraw is enabled on a read-only tracker",
    "critical",
    "okx.com → Profile → API → Edit 'Koinly tax export' → untick Withdraw → Confirm",
  );
  await expectFinding(page, "Trade is enabled on a read-only tracker", "high", "okx.com → Profile → API → Edit 'Koinly tax export' → untick Trade → Confirm");
  await expectFinding(page, "No IP allowlist on a key that can withdraw", "high", "Find the public IP of each machine that uses the key");
  await expect(page.getByText("more than needed").first()).toBeVisible();
  await snap(page, "key-detail");

  // freqtrade: covered in detail above (near deletion); the master-account advice is specific to it too.
  await page.goto(`/keys/${ids["freqtrade-spot-laptop"]}`);
  await expectFinding(page, "Trading key on the master account", "low", "okx.com → Profile → Sub-accounts → Create sub-account");

  // Deleted by OKX's 14-day rule before it was ever checked: the host asked never knew it, so 50119 alone is not
  // called deleted (it could be another entity's key) until every entity's host has been asked.
  await page.goto(`/keys/${ids["hummingbot-2024"]}`);
  const unknown = page
    .locator("article")
    .filter({ has: page.getByRole("heading", { level: 3, name: /does not know this key \(50119\)|No OKX entity knows this key \(50119\)/ }) });
  await expect(unknown).toHaveCount(1);
  await expect(unknown.getByText(/^Evidence: Check #\d+ at .* returned 50119/)).toBeVisible();
  await expectFinding(page, "Rotation due: key is 130 days old (due at 90)", "medium", "Keywarden → key page → Rotate (guided:");

  await page.goto(`/keys/${ids["grid-bot"]}`);
  const overdue = await expectFinding(
    page,
    "Rotation overdue: key is 200 days old (limit 180)",
    "high",
    "Keywarden → key page → Rotate (guided: create the new key on okx.com, verify it, switch each consumer, then delete the old key)",
  );
  await expect(overdue.getByRole("link", { name: "Start rotation" })).toHaveAttribute("href", `/keys/${ids["grid-bot"]}/rotate`);

  await page.goto(`/keys/${ids["portfolio-tracker"]}`);
  await expect(page.getByText("No findings: this key matches its purpose.")).toBeVisible();
  await expect(page.locator("section[aria-labelledby=findings] article")).toHaveCount(0);
});

test("the keys table sorts, filters and grades", async ({ page }) => {
  await unlock(page);
  await page.goto("/keys?sort=grade&dir=desc");
  const firstRow = page.locator("tbody tr").first();
  await expect(firstRow.getByLabel("Grade F")).toBeVisible();
  await page.getByLabel("Search").fill("portfolio");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText(/Showing 1 of/)).toBeVisible();
  await expect(page.locator("tbody tr").first().getByLabel("Grade A")).toBeVisible();
  await page.goto("/keys");
  await snap(page, "keys-audited");
});

test("changing the policy re-grades at once, and reset restores it", async ({ page }) => {
  await unlock(page);
  await page.goto("/settings");
  await page.getByLabel("Rotation due after (days)").fill("30");
  await page.getByLabel("Warn when a key is older than (days)").fill("40");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText(/must be greater than the warn age/)).toBeVisible();
  await page.getByLabel("Warn when a key is older than (days)").fill("10");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText(/Audit policy saved/)).toBeVisible();
  await page.goto("/");
  await expect(page.locator("section[aria-labelledby=due]").getByText("Tax tool (Koinly)")).toBeVisible();
  await page.goto("/settings");
  await page.getByRole("button", { name: "Reset to defaults" }).click();
  await expect(page.getByText(/reset to the defaults/)).toBeVisible();
  await page.goto("/");
  await expect(page.locator("section[aria-labelledby=due]").getByText("Tax tool (Koinly)")).toHaveCount(0);
});

test("no serious or critical accessibility violations on any page, light and dark", async ({ page }) => {
  test.setTimeout(120_000);
  await unlock(page);
  // /setup and the empty states are scanned in 01 (before any key exists), the wizard's later steps in 03.
  const paths = [
    "/",
    "/keys",
    `/keys/${ids["Koinly tax export"]}`,
    `/keys/${ids.drifter}`,
    `/keys/${ids["freqtrade-spot-laptop"]}`,
    `/keys/${ids["hummingbot-2024"]}`,
    `/keys/${ids["grid-bot"]}/edit`,
    `/keys/${ids["grid-bot"]}/rotate`,
    "/keys/new",
    "/keys?q=no-such-key",
    "/findings",
    "/findings?group=key",
    "/audit-log",
    "/settings",
  ];
  for (const path of paths) {
    await page.goto(path);
    await expectAccessible(page, path);
  }
  await page.context().clearCookies();
  await page.goto("/unlock");
  await expectAccessible(page, "/unlock");
});
