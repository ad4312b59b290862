// The demo fleet's credentials, read from the simulator's seed, for specs that add keys through the UI.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";

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

/** Fresh credentials for a key a spec plants in the simulator; `tag` starts the passphrase, to tell specs apart. */
export function newCreds(tag: string) {
  return { apiKey: randomUUID(), secretKey: randomBytes(16).toString("hex").toUpperCase(), passphrase: `${tag}-${randomBytes(5).toString("hex")}!9` };
}

export interface VaultEntry {
  label: string;
  apiKey: string;
  secretKey: string;
  passphrase: string;
  purpose: string;
  createdDaysAgo?: number;
  /** A fixed "Created on" date (YYYY-MM-DD), instead of one counted back from today. */
  createdOn?: string;
  /** Ticks "I don't know" instead of entering a creation date. */
  createdUnknown?: boolean;
  consumers?: string;
  region?: string;
  demo?: boolean;
}

/**
 * Adds a key through Keys → Add key and returns its id, once the key's page says it was added. `submit` presses the
 * Add key button (keyboard-only specs pass their own way of reaching it).
 */
export async function addKeyViaForm(
  page: Page,
  k: VaultEntry,
  { submit = (button: Locator) => button.click() }: { submit?: (button: Locator) => Promise<void> } = {},
): Promise<string> {
  const created = k.createdOn ?? new Date(Date.now() - (k.createdDaysAgo ?? 0) * 86_400_000).toISOString().slice(0, 10);
  await page.goto("/keys/new");
  await page.getByLabel("Label").fill(k.label);
  await page.getByLabel("API key").fill(k.apiKey);
  await page.getByLabel("Secret key").fill(k.secretKey);
  await page.getByLabel("API passphrase").fill(k.passphrase);
  await page.getByLabel("What is it for?").selectOption(k.purpose);
  if (k.region) await page.getByLabel("OKX region").selectOption(k.region);
  if (k.demo) await page.getByLabel(/Demo-trading key/).check();
  if (k.createdUnknown) await page.getByLabel("I don't know").check();
  else await page.getByLabel("Created on").fill(created);
  if (k.consumers) await page.getByLabel("Where is it used?").fill(k.consumers);
  await submit(page.getByRole("button", { name: "Add key" }));
  await expect(page.getByText(/Key added/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: k.label })).toBeVisible();
  return page.url().split("/keys/")[1].split("?")[0];
}

export async function addSeedKey(page: Page, okxLabel: string): Promise<string> {
  const k = seedKey(okxLabel);
  return addKeyViaForm(page, { ...k, ...k.vault! });
}
