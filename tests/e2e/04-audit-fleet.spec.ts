// A seeded fleet walked end to end: add keys → check all (live progress) → findings with fixes on the overview,
// the keys table and each key's page; the policy re-grades instantly; every page passes an axe scan.
import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { snap, unlock } from "./helpers";
import { addSeedKey } from "./fleet";

test.describe.configure({ mode: "serial" });

const FLEET = ["Koinly tax export", "freqtrade-spot-laptop", "hummingbot-2024", "grid-bot", "portfolio-tracker"];
const ids: Record<string, string> = {};

test("add the fleet and check every key with live progress", async ({ page }) => {
  test.setTimeout(120_000);
  await unlock(page);
  for (const label of FLEET) ids[label] = await addSeedKey(page, label);
  await page.goto("/");
  await page.getByRole("button", { name: "Check all keys" }).click();
  await expect(page.getByRole("progressbar", { name: "Check progress" })).toBeVisible();
  await expect(page.getByText(/^Done:/)).toBeVisible({ timeout: 30_000 });
});

test("the overview puts the dangerous keys first, with fixes", async ({ page }) => {
  await unlock(page);
  const top = page.getByRole("region", { name: "Fix these first" }).or(page.locator("section[aria-labelledby=top]"));
  await expect(top.getByText("critical").first()).toBeVisible();
  await expect(page.getByText(/Withdraw/i).first()).toBeVisible();
  await expect(page.locator("section[aria-labelledby=deletion]").getByText("freqtrade on laptop")).toBeVisible();
  await expect(page.locator("section[aria-labelledby=due]").getByText("Grid bot")).toBeVisible();
  await snap(page, "overview");
});

test("each seeded problem shows on its key page with concrete fix steps", async ({ page }) => {
  await unlock(page);
  await page.goto(`/keys/${ids["Koinly tax export"]}`);
  await expect(page.getByRole("heading", { level: 3, name: /Withdraw is enabled/ })).toBeVisible();
  await expect(page.getByText(/untick Withdraw/i).first()).toBeVisible();
  await expect(page.getByText("more than needed").first()).toBeVisible();
  await snap(page, "key-detail");

  await page.goto(`/keys/${ids["freqtrade-spot-laptop"]}`);
  await expect(page.getByText(/delete/i).first()).toBeVisible();
  await expect(page.getByText(/IP/).first()).toBeVisible();

  await page.goto(`/keys/${ids["hummingbot-2024"]}`);
  await expect(page.getByText("50111").first()).toBeVisible();

  await page.goto(`/keys/${ids["grid-bot"]}`);
  await expect(page.getByRole("link", { name: "Start rotation" }).first()).toBeVisible();

  await page.goto(`/keys/${ids["portfolio-tracker"]}`);
  await expect(page.getByText("No findings: this key matches its purpose.")).toBeVisible();
});

test("the keys table sorts, filters and grades", async ({ page }) => {
  await unlock(page);
  await page.goto("/keys?sort=grade&dir=desc");
  const firstRow = page.locator("tbody tr").first();
  await expect(firstRow.getByLabel("Grade F")).toBeVisible();
  await page.getByLabel("Search").fill("tracker");
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
  await unlock(page);
  const paths = ["/", "/keys", `/keys/${ids["Koinly tax export"]}`, `/keys/${ids["grid-bot"]}/edit`, "/keys/new", "/audit-log", "/settings"];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of paths) {
      await page.goto(path);
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${scheme} ${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  }
  await page.context().clearCookies();
  for (const path of ["/unlock"]) {
    await page.goto(path);
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  }
});
