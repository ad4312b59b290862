// "This app was compromised" in a real browser: the consumers list → the consumer's page → the incident's plan →
// confirm (the sub-account key is deleted through its master key at once) → per-key progress → a reload mid-way (the
// incident is stored) → the user deletes the two master-account keys on okx.com (the simulator removes them) →
// Check with OKX → done → the Markdown report downloaded and read. Screenshots in both schemes, axe on every page.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ensureUnlocked, expectAccessible, snap } from "./helpers";
import { addKeyViaForm, newCreds } from "./fleet";
import { simControl } from "./sim-control";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

// The demo fleet's master account and its sub-account "bot-sub-1"; the simulator sees every request from CALLER_IP.
const MAIN_UID = "448203315678901";
const SUB_UID = "448203315679002";
const CALLER_IP = "203.0.113.10";

const creds = () => newCreds("Inc");

const manager = creds();
const sub = creds();
const withdraw = creds();
const reader = creds();

test("a compromised app: every key it held revoked, verified gone, and reported", async ({ page }) => {
  await simControl.addKey({ ...manager, label: "e2e-inc-manager", perm: "read_only,trade", ip: [CALLER_IP], uid: MAIN_UID });
  await simControl.addKey({ ...sub, label: "e2e-inc-sub", perm: "read_only,trade", ip: [CALLER_IP], uid: SUB_UID, subAcct: "bot-sub-1" });
  await simControl.addKey({ ...withdraw, label: "e2e-inc-withdraw", perm: "read_only,trade,withdraw", ip: [CALLER_IP], uid: MAIN_UID });
  await simControl.addKey({ ...reader, label: "e2e-inc-reader", perm: "read_only", ip: [CALLER_IP], uid: MAIN_UID });
  await ensureUnlocked(page, { keyboard: true });

  await addKeyViaForm(page, { label: "Copy sub bot", ...sub, purpose: "trade", consumers: "copybot @ Cloud-7", createdOn: "2026-10-01" });
  await addKeyViaForm(page, { label: "Incident manager", ...manager, purpose: "trade", consumers: "ops desk", createdOn: "2026-10-01" });
  // Checking the master key lists its sub-accounts' keys: "Copy sub bot" is linked to it.
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("link", { name: "Copy sub bot" })).toBeVisible();
  await addKeyViaForm(page, {
    label: "Copy withdraw key",
    ...withdraw,
    purpose: "withdraw",
    consumers: "Copybot @ cloud-7\nledger export",
    createdOn: "2026-10-01",
  });
  const readerId = await addKeyViaForm(page, { label: "Copy reader", ...reader, purpose: "read", consumers: "Copybot @ cloud-7", createdOn: "2026-10-01" });

  // The key page links its consumers; the nav has the list.
  await expect(page.getByRole("link", { name: "Copybot @ cloud-7" })).toHaveAttribute("href", "/consumers/copybot%20%40%20cloud-7");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Consumers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consumers" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Copybot", exact: true }) });
  await expect(row.getByRole("cell").nth(0)).toHaveText("cloud-7");
  await expect(row.getByRole("cell").nth(1)).toHaveText("3");
  await expect(row.getByRole("cell").nth(2)).toHaveText("Withdraw");
  await expect(row.getByRole("cell").nth(3)).toContainText("2026-10-01");
  await expectAccessible(page, "consumers");
  await snap(page, "incident-consumers");

  await row.getByRole("link", { name: "Copybot" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Copybot @ cloud-7" })).toBeVisible();
  const keys = page.locator("section", { has: page.getByRole("heading", { name: "Keys it holds" }) }).getByRole("rowheader");
  await expect(keys).toHaveCount(3);
  await expect(keys.nth(0)).toContainText("Copy withdraw key");
  await expect(keys.nth(1)).toContainText("Copy sub bot");
  await expect(keys.nth(2)).toContainText("Copy reader");
  await expectAccessible(page, "consumer page");
  await snap(page, "incident-consumer");

  await page.getByRole("button", { name: "This app was compromised" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Incident: “Copybot @ cloud-7” was compromised" })).toBeVisible();
  await expect(page.getByTestId("incident-key")).toHaveCount(3);
  await expect(page.getByTestId("incident-key").nth(1)).toContainText("deleted through the API on confirmation");
  await expect(page.getByTestId("incident-key").nth(0)).toContainText("Sign in on okx.com, open Profile → API.");
  expect((await simControl.getKey(sub.apiKey))?.deletedAt).toBeUndefined();
  await expectAccessible(page, "incident plan");
  await snap(page, "incident-plan");

  await page.getByRole("button", { name: "Revoke all 3 keys" }).click();
  await expect(page.getByTestId("incident-progress")).toHaveText("1 of 3 keys verified gone.", { timeout: 60_000 });
  expect((await simControl.getKey(sub.apiKey))?.deletedReason).toBe("api");
  const items = page.getByTestId("incident-key");
  await expect(items.nth(1)).toHaveAttribute("data-status", "gone");
  await expect(items.nth(0)).toHaveAttribute("data-status", "pending");
  await expect(items.nth(0)).toContainText("The key still works");

  // Mid-way: a reload shows the same stored progress.
  await page.reload();
  await expect(page.getByTestId("incident-progress")).toHaveText("1 of 3 keys verified gone.");
  await expect(page.getByTestId("incident-key").nth(1)).toHaveAttribute("data-status", "gone");
  await expect(page.getByRole("button", { name: "Check with OKX" })).toBeVisible();
  await expectAccessible(page, "incident in progress");
  await snap(page, "incident-progress");

  // The user deletes the two master-account keys on okx.com.
  await simControl.removeKey(withdraw.apiKey);
  await simControl.removeKey(reader.apiKey);
  await page.getByRole("button", { name: "Check with OKX" }).click();
  await expect(page.getByTestId("incident-progress")).toHaveText("3 of 3 keys verified gone.", { timeout: 60_000 });
  await expect(page.getByText(/every key this app held is verified gone on OKX and its secrets are destroyed/)).toBeVisible();
  await expectAccessible(page, "incident done");
  await snap(page, "incident-done");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the incident report (Markdown)" }).click();
  const file = await (await download).path();
  const report = fs.readFileSync(file, "utf8");
  expect(report).toMatch(/^# Incident report: “Copybot @ cloud-7” was compromised/);
  expect(report).toContain("Keys held: 3 · verified gone: 3 · left: 0");
  const rows = report.split("\n").filter((l) => /^\| \d /.test(l));
  expect(rows.map((r) => r.split(" | ")[1])).toEqual(["Copy withdraw key", "Copy sub bot", "Copy reader"]);
  expect(rows[1]).toContain("deleted through master key “Incident manager” (sub-account bot-sub-1)");
  expect(report).toContain("Nothing: every key this app held is verified gone on OKX.");
  const html = await page.content();
  for (const k of [sub, withdraw, reader])
    for (const s of [k.apiKey, k.secretKey, k.passphrase]) {
      expect(report).not.toContain(s);
      expect(html).not.toContain(s);
    }

  // Pages and the report carry the headers of pages with key data; without a session the report is refused.
  const incidentPath = new URL(page.url()).pathname;
  const reportPath = `/api/incidents/${incidentPath.split("/").pop()}/report`;
  for (const p of ["/consumers", "/consumers/copybot%20%40%20cloud-7", incidentPath, reportPath]) {
    const r = await page.request.get(p);
    expect(r.status(), p).toBe(200);
    expect(r.headers()["cache-control"], p).toMatch(/(^|,\s*)no-store(\s*,|$)/);
    expect(r.headers()["x-content-type-options"], p).toBe("nosniff");
  }
  const anonymous = await fetch(new URL(reportPath, page.url()), { redirect: "manual" });
  expect(anonymous.status).not.toBe(200);
  expect(await anonymous.text()).not.toContain("Incident report");

  // The revoked key's page says it is retired; the consumer now holds nothing but keeps its incident.
  await page.goto(`/keys/${readerId}`);
  await expect(page.getByText(/retired/i).first()).toBeVisible();
  await page.goto("/consumers/copybot%20%40%20cloud-7");
  await expect(page.getByText("This app holds no active key any more.")).toBeVisible();
  await expect(page.getByRole("link", { name: "report" })).toBeVisible();
});
