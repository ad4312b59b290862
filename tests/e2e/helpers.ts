import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

export const MASTER = "copper-violin-tundra-57";
export const CANARY = {
  apiKey: "c0ffee00-1111-4222-8333-444455556666",
  secretKey: "CAFEBABE0123456789ABCDEFCANARY01",
  passphrase: "canary-Passphrase-77",
};

/** Screenshots land in screenshots/ (git-ignored) for a person to look at, in light and dark mode. */
export async function snap(page: Page, name: string) {
  fs.mkdirSync("screenshots", { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join("screenshots", `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

export async function unlock(page: Page, passphrase = MASTER) {
  await page.goto("/unlock");
  await page.getByLabel("Master passphrase").fill(passphrase);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/**
 * Lands on the overview with the vault unlocked: creates the vault when the spec runs alone (the earlier specs would
 * have made it), unlocks when the app sent the browser to /unlock. `keyboard` submits the setup form with Enter, for
 * specs that drive the app without a mouse.
 */
export async function ensureUnlocked(page: Page, { keyboard = false }: { keyboard?: boolean } = {}) {
  await page.goto("/");
  if (page.url().endsWith("/setup")) {
    await page.getByLabel("Master passphrase").fill(MASTER);
    await page.getByLabel("Type it again").fill(MASTER);
    if (keyboard) await page.getByLabel("Type it again").press("Enter");
    else await page.getByRole("button", { name: "Create vault" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  } else if (new URL(page.url()).pathname === "/unlock") {
    await unlock(page);
  }
}

/**
 * Every response body the page receives from now on, for asserting that a secret appears in none of them (bodies a
 * navigation discarded before they could be read are skipped).
 */
export function collectResponses(page: Page): string[] {
  const responses: string[] = [];
  page.on("response", async (r) => {
    try {
      responses.push(await r.text());
    } catch {}
  });
  return responses;
}

/** axe on the current page in both colour schemes: no serious or critical violation (returns to light). */
export async function expectAccessible(page: Page, what = new URL(page.url()).pathname) {
  for (const scheme of ["light", "dark"] as const) {
    // axe is CPU-bound: on a loaded 2-core machine one pass can take most of a minute, so each pass gets its own time.
    test.setTimeout(test.info().timeout + 45_000);
    await page.emulateMedia({ colorScheme: scheme });
    // Next streams a page's <title> after its body: right after a navigation or an action's redirect the document
    // can briefly have none, which axe reports as document-title. Judge the page once it has arrived.
    await expect.poll(() => page.title(), { timeout: 15_000 }).not.toBe("");
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${scheme} ${what}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** A finding card, found by its exact title (the card's h3), so assertions cannot match text elsewhere on the page. */
export function findingCard(scope: Page | Locator, title: string): Locator {
  // `has` is resolved inside each article, so the heading locator must not repeat the scope's own selector.
  const page = "keyboard" in scope ? scope : scope.page();
  return scope.locator("article").filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });
}

/** Every id on the page that is used more than once (React keys and aria-labelledby targets must be unique). */
export async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  });
}
