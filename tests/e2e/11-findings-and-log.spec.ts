// Issue #13, items 13 and 15–19: the findings page, the audit log in words, the keys table at phone width, the
// wording fixes, the unlock link that comes back after a lock, backup names with the time, and the favicon.
// Runs after 01 (or alone: it creates the vault if needed) and after the whole suite alike: it adds its own keys
// and asserts on them, or on counts the page itself shows.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { MASTER, ensureUnlocked, expectAccessible, unlock } from "./helpers";
import { addKeyViaForm } from "./fleet";
import { addAuditEvents } from "./e2e-db";
import { simControl } from "./sim-control";

test.describe.configure({ mode: "serial" });

const UID = "448203315678901";
const CALLER_IP = "203.0.113.10";
const simKey = () => ({
  apiKey: randomUUID(),
  secretKey: randomBytes(16).toString("hex").toUpperCase(),
  passphrase: `P13-${randomBytes(4).toString("hex")}!x`,
});
const WIDE = simKey();
const BOUND = simKey();
const GONE = simKey();
const LABELS = { wide: "p13 tracker with withdraw", bound: "p13 VPS bot", gone: "p13 deleted bot" };
const ids: Record<keyof typeof LABELS, string> = { wide: "", bound: "", gone: "" };
const SECRETS = [WIDE, BOUND, GONE].flatMap((k) => [k.secretKey, k.passphrase, k.apiKey]);

/** Full-page screenshots at desktop and phone width, light and dark, into screenshots/. */
async function snapWidths(page: Page, name: string) {
  fs.mkdirSync("screenshots", { recursive: true });
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join("screenshots", `${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("three keys, checked together: 50110 is named as expected, the failure by its key", async ({ page }) => {
  test.setTimeout(90_000);
  await simControl.addKey({ ...WIDE, label: "p13-wide", perm: "read_only,trade,withdraw", ip: [], uid: UID });
  await simControl.addKey({ ...BOUND, label: "p13-vps", perm: "read_only,trade", ip: ["198.51.100.99"], uid: UID });
  await simControl.addKey({ ...GONE, label: "p13-gone", perm: "read_only,trade", ip: [CALLER_IP], uid: UID });
  await simControl.removeKey(GONE.apiKey);
  await ensureUnlocked(page);
  ids.wide = await addKeyViaForm(page, { ...WIDE, label: LABELS.wide, purpose: "read", createdDaysAgo: 200, consumers: "tax tool\ntax spreadsheet" });
  ids.bound = await addKeyViaForm(page, { ...BOUND, label: LABELS.bound, purpose: "trade", createdDaysAgo: 100, consumers: "arb bot @ 198.51.100.99" });
  ids.gone = await addKeyViaForm(page, { ...GONE, label: LABELS.gone, purpose: "trade", createdDaysAgo: 100, consumers: "old bot" });

  await page.goto("/keys?q=p13");
  // "Check selected" acts on the table, so it sits with it, not among the search filters.
  await expect(page.getByRole("search").getByRole("button", { name: "Check selected" })).toHaveCount(0);
  for (const label of Object.values(LABELS)) await page.getByLabel(`Select ${label}`).check();
  await page.getByRole("button", { name: "Check selected" }).click();
  const done = page.getByText(/^Done:/);
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText("1 answered, 1 bound to other IPs (50110, expected), 1 failed.");
  await expect(done).toContainText(`Bound to other IPs: ${LABELS.bound}.`);
  await expect(done).toContainText(new RegExp(`Failed: ${LABELS.gone} \\(5011\\d\\)\\.`));
});

test("a key OKX never named an account for says so, not 'not checked yet'; evidence gives its time once", async ({ page }) => {
  await ensureUnlocked(page);
  await page.goto(`/keys/${ids.gone}`);
  const account = page.locator("dt", { hasText: "OKX account" }).locator("xpath=following-sibling::dd[1]");
  await expect(account).toContainText(/^unknown: OKX has not named it in (the check|any of \d+ checks) \(last: code 5011\d\)/);
  const evidence = page.getByText(/^Evidence: Check #\d+ at /).first();
  const text = (await evidence.textContent()) ?? "";
  const time = text.match(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/)?.[0];
  expect(time).toBeTruthy();
  expect(text.split(time!).length - 1).toBe(1);
});

test("the overview links to every finding; the findings page groups by rule or key and filters by severity", async ({ page }) => {
  await ensureUnlocked(page);
  const counts = await page.getByRole("list", { name: "Findings by severity" }).getByRole("listitem").allInnerTexts();
  const total = counts.reduce((n, t) => n + Number(t.match(/(\d+)\s*$/)![1]), 0);
  expect(total).toBeGreaterThan(8);
  const all = page.locator("section[aria-labelledby=top]").getByRole("link", { name: `All ${total} findings, by rule or by key →` });
  await expect(all).toBeVisible();
  await all.click();
  await expect(page).toHaveURL(/\/findings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
  await expect(page.locator("main article")).toHaveCount(total);
  await expect(page.getByRole("heading", { level: 2, name: "Withdraw on a key that does not move funds" })).toBeVisible();
  await expectAccessible(page, "/findings");
  await snapWidths(page, "findings-by-rule");

  await page.getByRole("navigation", { name: "Group findings" }).getByRole("link", { name: "Key" }).click();
  await expect(page).toHaveURL(/\/findings\?group=key$/);
  const wide = page.locator("section", { has: page.getByRole("heading", { level: 2, name: LABELS.wide }) });
  await expect(wide.locator("article")).toHaveCount(await wide.locator("article").count());
  expect(await wide.locator("article").count()).toBeGreaterThanOrEqual(3);
  await expect(wide.getByRole("heading", { level: 3, name: "Withdraw is enabled on a read-only tracker" })).toBeVisible();
  await expect(page.locator("main article")).toHaveCount(total);
  await expectAccessible(page, "/findings?group=key");
  await snapWidths(page, "findings-by-key");

  const critical = page.getByRole("navigation", { name: "Filter by severity" }).getByRole("link", { name: /^critical \(\d+\)$/ });
  const n = Number((await critical.innerText()).match(/\((\d+)\)/)![1]);
  await critical.click();
  await expect(page).toHaveURL(/\/findings\?group=key&severity=critical$/);
  await expect(page.locator("main article")).toHaveCount(n);
  for (const card of await page.locator("main article").all()) await expect(card.getByText("critical", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: LABELS.bound })).toHaveCount(0);
});

test("the audit log speaks in words, filters by key and action in the URL, pages, and shows no secret", async ({ page }) => {
  await ensureUnlocked(page);
  addAuditEvents(60);
  await page.goto("/audit-log");
  const events = page.getByRole("list", { name: "Events" }).getByRole("listitem");
  await expect(events).toHaveCount(50);
  await expect(page.getByText(/^\d+ events · page 1 of \d+\.$/)).toBeVisible();
  await expect(events.filter({ hasText: "Auto-lock time changed" }).first()).toContainText("Locks after 15 idle minutes.");
  expect(await page.locator("main").innerText()).not.toMatch(/\{"|settings\.idle-timeout|key\.check/);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/\/audit-log\?page=2$/);
  await expect(page.getByText(/page 2 of/)).toBeVisible();

  await page.getByLabel("Key", { exact: true }).selectOption({ label: LABELS.bound });
  await page.getByLabel("What", { exact: true }).selectOption({ label: "Checked with OKX" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit-log\\?key=${ids.bound}&action=key\\.check$`));
  // Adding a key checks it at once, so the key has its add-time check and the one this spec ran.
  await expect(events.first()).toContainText(`Checked with OKX · ${LABELS.bound}`);
  for (const e of await events.all()) await expect(e).toContainText(`Checked with OKX · ${LABELS.bound}`);
  await expect(events.first()).toContainText("bound to other IPs (expected from this machine) (code 50110)");

  await page.getByLabel("What", { exact: true }).selectOption({ label: "All: Keys: added, edited, deleted" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=keys$/);
  await expect(events.first()).toContainText(`Key added · ${LABELS.bound}`);
  await expect(events.first()).toContainText("trading bot");
  const html = await page.content();
  for (const s of SECRETS) expect(html).not.toContain(s);
  await page.goto("/audit-log?page=2");
  await expectAccessible(page, "/audit-log");
  await snapWidths(page, "audit-log");
});

test("at phone width the keys table keeps label, grade and permissions in view and says it scrolls", async ({ page }) => {
  await ensureUnlocked(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/keys?q=${encodeURIComponent(LABELS.wide)}`);
  await expect(page.getByText("Scroll the table sideways for more columns →")).toBeVisible();
  const row = page.locator("tbody tr").first();
  const inView = async (l: ReturnType<Page["locator"]>) => {
    const box = (await l.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  };
  await inView(row.getByRole("link", { name: LABELS.wide }));
  await inView(row.getByLabel(/^Grade [A-F?]$/));
  await inView(row.getByText("withdraw", { exact: true }));
  // "Check selected" comes after the filters, right above the table.
  const apply = (await page.getByRole("button", { name: "Apply" }).boundingBox())!;
  const check = (await page.getByRole("button", { name: "Check selected" }).boundingBox())!;
  const table = (await page.getByRole("table").first().boundingBox())!;
  expect(check.y).toBeGreaterThan(apply.y + apply.height);
  expect(check.y).toBeLessThan(table.y);
  await expectAccessible(page, "/keys at 390 px");
  await page.goto("/keys");
  await snapWidths(page, "keys-table");
});

test("settings say '1 idle minute'; backups carry the time; the favicon is served", async ({ page }) => {
  await ensureUnlocked(page);
  await page.goto("/settings");
  await page.getByLabel("Lock after this many idle minutes").fill("1");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Keywarden now locks after 1 idle minute.")).toBeVisible();
  await page.getByLabel("Lock after this many idle minutes").fill("15");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Keywarden now locks after 15 idle minutes.")).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download a backup/ }).click();
  expect((await download).suggestedFilename()).toMatch(/^keywarden-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/);

  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toMatch(/^\/icon\.svg/);
  const res = await page.request.get(icon!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
});

test("locked elsewhere: the message links to unlock and comes back to the same page; ?next= never leaves the site", async ({ page, browser }) => {
  await ensureUnlocked(page);
  await page.goto(`/keys/${ids.wide}?saved=1`);
  // Another window locks the vault (as the idle timer would): this page's next action is refused.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await unlock(otherPage);
  await otherPage.getByRole("button", { name: "Lock" }).click();
  await expect(otherPage).toHaveURL(/\/unlock$/);
  await other.close();

  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByText("The vault is locked. Unlock it with your master passphrase.")).toBeVisible();
  await page.getByRole("link", { name: "Unlock and come back to this page" }).click();
  await expect(page).toHaveURL(new RegExp(`/unlock\\?next=${encodeURIComponent(`/keys/${ids.wide}?saved=1`).replace(/[?]/g, "\\?")}$`));
  await expect(page.getByText("After unlocking you go back to the page you were on.")).toBeVisible();
  await expectAccessible(page, "/unlock?next=");
  await snapWidths(page, "unlock-next");
  await page.getByLabel("Master passphrase").fill(MASTER);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page).toHaveURL(new RegExp(`/keys/${ids.wide}\\?saved=1$`));
  await expect(page.getByRole("heading", { level: 1, name: LABELS.wide })).toBeVisible();

  // A page opened while locked comes back to itself too; a foreign ?next= lands on the overview instead.
  await page.getByRole("button", { name: "Lock" }).click();
  await expect(page).toHaveURL(/\/unlock$/);
  await page.goto("/findings?group=key");
  await expect(page).toHaveURL(/\/unlock\?next=%2Ffindings%3Fgroup%3Dkey$/);
  await page.getByLabel("Master passphrase").fill(MASTER);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page).toHaveURL(/\/findings\?group=key$/);
  for (const evil of ["//evil.example/x", "https://evil.example", "/\\evil.example"]) {
    await page.getByRole("button", { name: "Lock" }).click();
    await expect(page).toHaveURL(/\/unlock$/);
    await page.goto(`/unlock?next=${encodeURIComponent(evil)}`);
    await page.getByLabel("Master passphrase").fill(MASTER);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  }
});

test("screenshots of the other changed pages, 1400 and 390 px, light and dark", async ({ page }) => {
  await ensureUnlocked(page);
  await page.goto("/");
  await snapWidths(page, "overview-p13");
  await page.goto(`/keys/${ids.gone}`);
  await snapWidths(page, "key-page-p13");
});
