// The demo fleet's credentials, read from the simulator's seed, for specs that add keys through the UI.
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";

interface SeedKey {
  apiKey: string;
  secretKey: string;
  passphrase: string;
  label: string;
  vault?: { label: string; purpose: string; createdDaysAgo?: number; consumers?: string };
  region?: string;
  demo?: boolean;
}

export const SEED_KEYS: SeedKey[] = JSON.parse(fs.readFileSync("tests/okx-sim/seeds/demo-fleet.json", "utf8")).keys;

export function seedKey(okxLabel: string): SeedKey {
  const k = SEED_KEYS.find((s) => s.label === okxLabel);
  if (!k) throw new Error(`no seed key ${okxLabel}`);
  return k;
}

export interface VaultEntry {
  label: string;
  apiKey: string;
  secretKey: string;
  passphrase: string;
  purpose: string;
  createdDaysAgo?: number;
  consumers?: string;
  region?: string;
  demo?: boolean;
}

/** Adds a key through Keys → Add key and returns its id. */
export async function addKeyViaForm(page: Page, k: VaultEntry): Promise<string> {
  const created = new Date(Date.now() - (k.createdDaysAgo ?? 0) * 86_400_000).toISOString().slice(0, 10);
  await page.goto("/keys/new");
  await page.getByLabel("Label").fill(k.label);
  await page.getByLabel("API key").fill(k.apiKey);
  await page.getByLabel("Secret key").fill(k.secretKey);
  await page.getByLabel("API passphrase").fill(k.passphrase);
  await page.getByLabel("What is it for?").selectOption(k.purpose);
  if (k.region) await page.getByLabel("OKX region").selectOption(k.region);
  if (k.demo) await page.getByLabel(/Demo-trading key/).check();
  await page.getByLabel("Created on").fill(created);
  if (k.consumers) await page.getByLabel("Where is it used?").fill(k.consumers);
  await page.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByText(/Key added/)).toBeVisible();
  return page.url().split("/keys/")[1].split("?")[0];
}

export async function addSeedKey(page: Page, okxLabel: string): Promise<string> {
  const k = seedKey(okxLabel);
  return addKeyViaForm(page, { ...k, ...k.vault! });
}
