// Forms that keep what the user typed and chose, put focus where the answer is, and one passphrase-strength rule
// for the meters and the server (issue 13: items 6, 10, 11, 12, 14). Runs after 01 (vault exists); alone it
// creates the vault first.
import { expect, test, type Page } from "@playwright/test";
import { MASTER, expectAccessible, findingCard, snap, unlock } from "./helpers";
import { simControl } from "./sim-control";

test.describe.configure({ mode: "serial" });

const API_KEY = "f0a5e1c2-1010-4222-8333-000000000010";
const SECRET = "0123456789ABCDEF0123456789ABCDEF";

async function ready(page: Page) {
  await page.goto("/");
  if (new URL(page.url()).pathname === "/setup") {
    await page.getByLabel("Master passphrase").fill(MASTER);
    await page.getByLabel("Type it again").fill(MASTER);
    await page.getByRole("button", { name: "Create vault" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    return;
  }
  await unlock(page);
}

test("add form: Label is focused; after a refusal every choice stays (secrets cleared) and focus goes to the field", async ({ page }) => {
  await ready(page);
  await page.goto("/keys/new");
  await expect(page.getByLabel("Label")).toBeFocused();
  await page.getByLabel("Label").fill("forms: EEA grid bot");
  await page.getByLabel("API key").fill(API_KEY);
  await page.getByLabel("Secret key").fill(SECRET);
  await page.getByLabel("What is it for?").selectOption("trade");
  await page.getByLabel("OKX region").selectOption("eea");
  await page.getByLabel("Demo-trading key").check();
  await page.getByLabel("Created on").fill("2026-02-03");
  await page.getByLabel("Where is it used?").fill("grid bot @ 203.0.113.9");
  await page.getByRole("button", { name: "Add key" }).click();

  await expect(page.getByText("API passphrase is required.")).toBeVisible();
  await expect(page.getByLabel("What is it for?")).toHaveValue("trade");
  await expect(page.getByLabel("OKX region")).toHaveValue("eea");
  await expect(page.getByLabel("Demo-trading key")).toBeChecked();
  await expect(page.getByLabel("Created on")).toHaveValue("2026-02-03");
  await expect(page.getByLabel("Label")).toHaveValue("forms: EEA grid bot");
  await expect(page.getByLabel("Where is it used?")).toHaveValue("grid bot @ 203.0.113.9");
  await expect(page.getByLabel("API key")).toHaveValue("");
  await expect(page.getByLabel("Secret key")).toHaveValue("");
  await expect(page.getByLabel("API passphrase")).toBeFocused();
  await snap(page, "forms-add-refused");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "forms-add-refused-390");
  await page.setViewportSize({ width: 1400, height: 900 });
  await expectAccessible(page, "/keys/new (refused, choices kept)");

  await page.getByLabel("API key").fill(API_KEY);
  await page.getByLabel("Secret key").fill(SECRET);
  await page.getByLabel("API passphrase").fill("Forms-Pass-1");
  await page.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByRole("heading", { name: "forms: EEA grid bot" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Key added" })).toBeFocused();
  await expect(page.getByText("Trading bot", { exact: true })).toBeVisible();
  // The key page's Region row (the check made on save names the entity too).
  await expect(page.getByText("EEA (eea.okx.com) · demo trading", { exact: true })).toBeVisible();
});

test("created-on is required or an explicit 'I don't know', which the audit reports as an unknown age", async ({ page }) => {
  await ready(page);
  await page.goto("/keys/new");
  await page.getByLabel("Label").fill("forms: unknown age");
  await page.getByLabel("API key").fill("f0a5e1c2-1010-4222-8333-000000000011");
  await page.getByLabel("Secret key").fill(SECRET);
  await page.getByLabel("API passphrase").fill("Forms-Pass-2");
  await expect(page.getByLabel("Created on")).toHaveValue("");
  await page.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByText("Enter the date you created the key on okx.com, or tick “I don't know”.")).toBeVisible();
  await expect(page.getByLabel("Created on")).toBeFocused();

  await page.getByLabel("API key").fill("f0a5e1c2-1010-4222-8333-000000000011");
  await page.getByLabel("Secret key").fill(SECRET);
  await page.getByLabel("API passphrase").fill("Forms-Pass-2");
  await page.getByLabel("I don't know").check();
  await expect(page.getByLabel("Created on")).toBeDisabled();
  await page.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByRole("heading", { name: "forms: unknown age" })).toBeVisible();
  await expect(page.getByText(/unknown: at least 0 days \(counted from the day it was added/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /Key age unknown: counted from the day it was added/ })).toBeVisible();
  await snap(page, "forms-unknown-age");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "forms-unknown-age-390");
  await page.setViewportSize({ width: 1400, height: 900 });
  await expectAccessible(page, "/keys/[id] (unknown age)");

  await page.getByRole("link", { name: "Edit details" }).click();
  await expect(page.getByLabel("I don't know")).toBeChecked();
  await expect(page.getByLabel("Created on")).toBeDisabled();
});

test("edit form keeps the chosen purpose and region after a refusal, focused on the invalid field", async ({ page }) => {
  await ready(page);
  await page.goto("/keys");
  await page.getByRole("link", { name: "forms: EEA grid bot" }).click();
  await page.getByRole("link", { name: "Edit details" }).click();
  await page.getByLabel("What is it for?").selectOption("withdraw");
  await page.getByLabel("OKX region").selectOption("global");
  await page.getByLabel("OKX host (optional)").fill("https://evil.example.com");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/Use an OKX address/)).toBeVisible();
  await expect(page.getByLabel("What is it for?")).toHaveValue("withdraw");
  await expect(page.getByLabel("OKX region")).toHaveValue("global");
  await expect(page.getByLabel("OKX host (optional)")).toBeFocused();
  await page.getByLabel("OKX host (optional)").fill("");
  await page.getByLabel("What is it for?").selectOption("trade");
  await page.getByLabel("OKX region").selectOption("eea");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeFocused();
});

test("change passphrase: the meter and the server agree, the current one is refused, typed fields stay", async ({ page }) => {
  await ready(page);
  await page.goto("/settings");
  const current = page.getByLabel("Current passphrase");
  const next = page.getByLabel("New passphrase", { exact: true });
  const again = page.getByLabel("New passphrase again");
  await current.fill(MASTER);
  await next.fill(MASTER);
  await expect(page.getByText(/Strength: Very weak — The new passphrase is the current one/)).toBeVisible();
  await again.fill(MASTER);
  await page.getByRole("button", { name: "Change passphrase" }).click();
  await expect(page.getByText("The new passphrase is the current one: choose a different one.").first()).toBeVisible();
  await expect(next).toBeFocused();
  await expect(again).toHaveValue(MASTER);

  // A strong new passphrase with the wrong current one: refused on the current field, the new pair is kept.
  const strong = "correct horse battery staple okx";
  await current.fill("not the current passphrase");
  await next.fill(strong);
  await expect(page.getByText("Strength: Very strong — accepted")).toBeVisible();
  await again.fill(strong);
  await page.getByRole("button", { name: "Change passphrase" }).click();
  await expect(page.getByText("This is not the current master passphrase.")).toBeVisible();
  await expect(current).toBeFocused();
  await expect(next).toHaveValue(strong);
  await expect(again).toHaveValue(strong);
  await snap(page, "forms-change-passphrase");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "forms-change-passphrase-390");
  await page.setViewportSize({ width: 1400, height: 900 });
  await expectAccessible(page, "/settings (change passphrase refused)");
});

test("a wrong passphrase's fix step links to replacing just the passphrase; the API key and secret stay", async ({ page }) => {
  const okx = { apiKey: "f0a5e1c2-1010-4222-8333-000000000012", secretKey: "ABCDEF0123456789ABCDEF0123456789", passphrase: "Right-Pass-12" };
  await simControl.addKey({ ...okx, label: "forms passphrase", perm: "read_only", ip: [], uid: "448203315678901" });
  await ready(page);
  await page.goto("/keys/new");
  await page.getByLabel("Label").fill("forms: wrong passphrase");
  await page.getByLabel("API key").fill(okx.apiKey);
  await page.getByLabel("Secret key").fill(okx.secretKey);
  await page.getByLabel("API passphrase").fill("Wrong-Pass-12");
  await page.getByLabel("I don't know").check();
  await page.getByRole("button", { name: "Add key" }).click();
  await page.getByRole("button", { name: "Check now" }).click();
  const card = findingCard(page, "Wrong passphrase (50105)");
  await expect(card).toBeVisible();
  await expect(card.getByText(/Edit → re-enter/)).toHaveCount(0);
  await card.getByRole("link", { name: "Replace the passphrase →" }).click();

  await expect(page).toHaveURL(/\/secrets\?field=passphrase$/);
  await expect(page.getByLabel("New API passphrase")).toBeFocused();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  await expect(page.getByLabel("New secret key")).toHaveCount(0);
  await snap(page, "forms-replace-passphrase");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "forms-replace-passphrase-390");
  await page.setViewportSize({ width: 1400, height: 900 });
  await expectAccessible(page, "/keys/[id]/secrets?field=passphrase");
  await page.getByRole("button", { name: "Replace the API passphrase" }).click();
  await expect(page.getByText("API passphrase is required.")).toBeVisible();
  await expect(page.getByLabel("New API passphrase")).toBeFocused();
  await page.getByLabel("New API passphrase").fill(okx.passphrase);
  await page.getByRole("button", { name: "Replace the API passphrase" }).click();
  await expect(page.getByText(/Passphrase replaced \(the API key and secret key stay as they were\)/)).toBeFocused();

  await page.getByRole("link", { name: "← forms: wrong passphrase" }).click();
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByText(/UID 448203315678901/)).toBeVisible();
  await expect(findingCard(page, "Wrong passphrase (50105)")).toHaveCount(0);
});
