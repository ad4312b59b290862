import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

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
