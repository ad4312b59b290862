// Adding a key checks it on save and finds the OKX entity that holds it: the key page opens with OKX's answer
// (works, on which entity, permissions, IPs) and what detection did. A host the user typed is only suggested over.
// Runs after 01 (which creates the vault); its keys are new to the simulator, on the EEA entity's port only.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, unlock } from "./helpers";
import { simControl } from "./sim-control";

test.describe.configure({ mode: "serial" });

const EU_UID = "517700123456789";
function eeaKey(n: number) {
  return { apiKey: `e2e0eea0-0000-4000-8000-00000000000${n}`, secretKey: `EEA0E2E0${n}000000000000000000000`.slice(0, 32), passphrase: `Eea-e2e-pass-${n}` };
}

async function addViaForm(page: Page, label: string, k: ReturnType<typeof eeaKey>, opts: { region?: string; host?: string } = {}) {
  await page.goto("/keys/new");
  await expect(page.getByLabel("OKX region")).toHaveValue("detect");
  await page.getByLabel("Label").fill(label);
  await page.getByLabel("API key").fill(k.apiKey);
  await page.getByLabel("Secret key").fill(k.secretKey);
  await page.getByLabel("API passphrase").fill(k.passphrase);
  await page.getByLabel("Created on").fill("2026-11-20");
  if (opts.region) await page.getByLabel("OKX region").selectOption(opts.region);
  if (opts.host) await page.getByLabel("OKX host (optional)").fill(opts.host);
  await page.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByText(/Key added/)).toBeVisible();
}

async function shots(page: Page, name: string) {
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `screenshots/${name}-${width}-${scheme}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
}

test("an EEA key added with Detect: the key page shows OKX's answer on save and the entity it was found on", async ({ page }) => {
  const k = eeaKey(1);
  await simControl.addKey({ ...k, label: "eu grid", perm: "read_only,trade", ip: ["203.0.113.10"], uid: EU_UID, region: "eea" });
  await unlock(page);
  await addViaForm(page, "EU grid (detected)", k);
  const onSave = page.getByRole("region", { name: "Checked with OKX on save" });
  await expect(onSave).toContainText("The key works on EEA (eea.okx.com), live.");
  await expect(onSave).toContainText("Permissions: Read, Trade. Bound IPs: 203.0.113.10.");
  await expect(page.getByRole("region", { name: "Where OKX knows this key" })).toContainText(
    "Found on EEA, eea.okx.com: region updated (was Global, www.okx.com, live).",
  );
  await expect(page.getByText("EEA (eea.okx.com) · live")).toBeVisible();
  await expectAccessible(page, "key page after add (detected)");
  await shots(page, "add-detect");
});

test("a key stored with its own host is not moved: the page suggests the host OKX answered on, and one click applies it", async ({ page }) => {
  const k = eeaKey(2);
  await simControl.addKey({ ...k, label: "eu tracker", perm: "read_only", ip: ["203.0.113.10"], uid: EU_UID, region: "eea" });
  await unlock(page);
  await addViaForm(page, "EU tracker (own host)", k, { region: "global", host: "https://openapi.okx.com" });
  const note = page.getByRole("region", { name: "Where OKX knows this key" });
  await expect(note).toContainText("Found on EEA, eea.okx.com. This key is set to its own host https://openapi.okx.com");
  await expect(page.getByText("Global (www.okx.com) · host https://openapi.okx.com · live")).toBeVisible();
  await expectAccessible(page, "key page with a host suggestion");
  await shots(page, "add-detect-suggest");
  await note.getByRole("button", { name: "Use EEA (eea.okx.com)" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByText("EEA (eea.okx.com) · live")).toBeVisible();
  await expect(page.getByRole("region", { name: "Where OKX knows this key" })).toContainText("Switched to EEA, eea.okx.com.");
});
