// The automated rotation of a sub-account key in a real browser, keyboard only (Tab, Enter, Space; no mouse):
// from the "Rotation overdue" finding on the key's page through create, the one-time reveal, a reload that loses
// the shown secrets (the way out deletes that key on OKX and creates another), "I have copied them", verify, the
// consumer checklist and the deletion of the old key, to done. After each step focus is on the new step's heading.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ensureUnlocked, expectAccessible, snap } from "./helpers";
import { addKeyViaForm, newCreds } from "./fleet";
import { simControl } from "./sim-control";

test.describe.configure({ mode: "serial" });
// About 30 s on a quiet machine, most of it axe and the screenshots (two widths, two schemes).
test.setTimeout(120_000);

// The demo fleet's master account and its sub-account "bot-sub-1"; the simulator sees every request from CALLER_IP.
const MAIN_UID = "448203315678901";
const SUB_UID = "448203315679002";
const CALLER_IP = "203.0.113.10";

const creds = () => newCreds("Auto");

/** Presses Tab until `target` has focus (as a keyboard user would), then returns it. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<Locator> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return target;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

async function press(page: Page, target: Locator, key: "Enter" | " " = "Enter") {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

/** The wizard's current step heading has focus and says `title`. */
async function expectStep(page: Page, title: string) {
  const heading = page.getByRole("heading", { level: 2, name: title, exact: true });
  // A finished rotation marks every step done and none current.
  if (title !== "Done") await expect(page.locator('li[aria-current="step"]')).toContainText(title);
  await expect(heading).toBeFocused();
}

async function shots(page: Page, name: string) {
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await snap(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Adds a trade key created 2026-11-01, pressing Add key from the keyboard. */
function addKey(page: Page, k: { label: string; apiKey: string; secretKey: string; passphrase: string; consumers: string }) {
  return addKeyViaForm(page, { ...k, purpose: "trade", createdOn: "2026-11-01" }, { submit: (button) => press(page, button) });
}

const master = creds();
const old = creds();

test("automated rotation from the overdue finding to done, with the reveal, a reload and the keyboard only", async ({ page }) => {
  await simControl.addKey({ ...master, label: "e2e-auto-master", perm: "read_only,trade", ip: [CALLER_IP], uid: MAIN_UID });
  await simControl.addKey({
    ...old,
    label: "e2e-auto-sub",
    perm: "read_only,trade",
    ip: [CALLER_IP, "198.51.100.7"],
    uid: SUB_UID,
    subAcct: "bot-sub-1",
    createdDaysAgo: 200,
  });
  await ensureUnlocked(page, { keyboard: true });

  const oldId = await addKey(page, { label: "auto sub bot", ...old, consumers: "grid bot @ 198.51.100.7" });
  await addKey(page, { label: "auto master", ...master, consumers: "Keywarden sub-account rotation" });
  // Checking the master key lists its sub-accounts' keys: "auto sub bot" is linked to it, with OKX's creation date.
  await press(page, page.getByRole("button", { name: "Check now" }));
  await expect(page.getByRole("link", { name: "auto sub bot" })).toBeVisible();

  await page.goto(`/keys/${oldId}`);
  const card = page.locator("article").filter({ has: page.getByRole("heading", { level: 3, name: /^Rotation overdue: key is \d+ days old/ }) });
  await press(page, card.getByRole("link", { name: "Start rotation" }));
  await expect(page.getByRole("heading", { name: "Rotate “auto sub bot”" })).toBeVisible();
  await expect(page.getByText("What Keywarden will do")).toBeVisible();
  await press(page, page.getByRole("button", { name: "Start rotation" }));
  await expectStep(page, "Create the new key");
  await expect(page.getByLabel("Bind the new key to these IP addresses")).toHaveValue(`${CALLER_IP}, 198.51.100.7`);
  await press(page, page.getByRole("button", { name: "Create the new key on OKX" }));
  await expectStep(page, "Verify the new key");

  // Reveal: the credentials appear and stay (the page revalidates under them); nothing moves on until confirmed.
  await press(page, page.getByRole("button", { name: "Reveal the new secret (once)" }), " ");
  const shownHeading = page.getByRole("heading", { name: "The new key’s credentials — shown once" });
  await expect(shownHeading).toBeFocused();
  const first = {
    apiKey: await page.getByLabel("API key", { exact: true }).inputValue(),
    secretKey: await page.getByLabel("Secret key", { exact: true }).inputValue(),
    passphrase: await page.getByLabel("Passphrase", { exact: true }).inputValue(),
  };
  expect(first.apiKey).toMatch(/^[0-9a-f-]{36}$/);
  const onOkx = await simControl.getKey(first.apiKey);
  expect(onOkx).toMatchObject({ secretKey: first.secretKey, passphrase: first.passphrase, subAcct: "bot-sub-1" });
  await expectAccessible(page, "rotation: credentials shown");
  await shots(page, "auto-rotation-reveal");
  // Still there after another step re-renders the page.
  await expect(page.getByLabel("Secret key", { exact: true })).toHaveValue(first.secretKey);

  // A reload now loses them for good: the browser asks first, and afterwards the wizard says what happened.
  const asked = new Promise<string>((resolve) =>
    page.once("dialog", (d) => {
      resolve(d.type());
      void d.accept();
    }),
  );
  await page.reload();
  expect(await asked).toBe("beforeunload");
  await expect(page.getByRole("heading", { name: /The new key’s credentials were shown at .* and are not shown again/ })).toBeVisible();
  expect(await page.content()).not.toContain(first.secretKey);
  await expect(page.getByRole("button", { name: /Mark “grid bot” switched/ })).toHaveCount(0);
  await expectAccessible(page, "rotation: credentials lost");
  await shots(page, "auto-rotation-lost");
  await press(page, page.getByRole("button", { name: "Delete this key on OKX and create another" }));
  await expect(page.getByText(/whose credentials were lost before they were copied, was deleted on OKX/)).toBeVisible();
  expect((await simControl.getKey(first.apiKey))?.deletedAt).toBeDefined();
  await expectStep(page, "Verify the new key");

  await press(page, page.getByRole("button", { name: "Reveal the new secret (once)" }));
  await expect(shownHeading).toBeFocused();
  const second = {
    apiKey: await page.getByLabel("API key", { exact: true }).inputValue(),
    secretKey: await page.getByLabel("Secret key", { exact: true }).inputValue(),
  };
  expect(second.apiKey).not.toBe(first.apiKey);
  expect(await simControl.getKey(second.apiKey)).toMatchObject({ secretKey: second.secretKey });
  await press(page, page.getByRole("button", { name: "I have copied them" }), " ");
  await expect(shownHeading).toHaveCount(0);
  await expectStep(page, "Verify the new key");

  await press(page, page.getByRole("button", { name: "Verify with OKX" }));
  await expectStep(page, "Switch consumers");
  await press(page, page.getByRole("button", { name: "Mark “grid bot” switched" }), " ");
  await expect(page.getByRole("button", { name: "Undo “grid bot”" })).toBeVisible();
  await press(page, page.getByRole("button", { name: "All consumers switched: continue" }));
  await expectStep(page, "Delete the old key");
  await press(page, page.getByRole("button", { name: "Delete the old key on OKX" }));
  await expectStep(page, "Done");
  await expect(page.getByText(/Rotation finished/)).toBeVisible();
  expect((await simControl.getKey(old.apiKey))?.deletedAt).toBeDefined();
  expect((await simControl.getKey(second.apiKey))?.deletedAt).toBeUndefined();
  await expectAccessible(page, "rotation: automated done");
  await shots(page, "auto-rotation-done");
  const html = await page.content();
  for (const s of [old.secretKey, old.passphrase, first.secretKey, first.passphrase, second.secretKey]) expect(html).not.toContain(s);
});

test("a half-finished rotation: both keys are labelled, and the unverified new key's findings wait for the verify step", async ({ page }) => {
  const halfOld = creds();
  await simControl.addKey({ ...halfOld, label: "e2e-half-old", perm: "read_only,trade", ip: [CALLER_IP], uid: MAIN_UID });
  await ensureUnlocked(page, { keyboard: true });
  const oldKeyId = await addKey(page, { label: "half old", ...halfOld, consumers: "dca bot @ 203.0.113.10" });
  await page.goto(`/keys/${oldKeyId}/rotate`);
  await press(page, page.getByRole("button", { name: "Start rotation" }));
  await expectStep(page, "Enter the new key");
  // A mistyped new API key: OKX does not know it (50119) when the wizard verifies it, and the rotation waits there.
  const typo = creds();
  await page.getByLabel("New API key").fill(typo.apiKey);
  await page.getByLabel("New secret key").fill(typo.secretKey);
  await page.getByLabel("New API passphrase").fill(typo.passphrase);
  await press(page, page.getByRole("button", { name: "Store the new key" }));
  await expectStep(page, "Verify the new key");
  await press(page, page.getByRole("button", { name: "Verify with OKX" }));
  await expect(page.getByText(/Not accepted/)).toBeVisible();
  const newLabel = `half old (rotated ${new Date().toISOString().slice(0, 7)})`;

  await page.goto("/");
  const rotations = page.locator("section", { has: page.getByRole("heading", { name: "Rotations in progress" }) });
  await expect(rotations.getByRole("link", { name: "half old", exact: true })).toBeVisible();
  await expect(rotations.getByRole("link", { name: newLabel })).toBeVisible();
  await expect(rotations.getByText(/waiting for the new key to be verified/)).toBeVisible();
  // Not "CRITICAL … every consumer using it is failing": no consumer uses it yet.
  const top = page.locator("section", { has: page.getByRole("heading", { name: "Fix these first" }) });
  await expect(top.getByRole("link", { name: newLabel })).toHaveCount(0);
  await expectAccessible(page, "overview with a rotation in progress");
  await shots(page, "rotation-open-overview");

  await page.goto(`/keys?q=${encodeURIComponent("half old")}`);
  const row = (label: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name: label, exact: true }) });
  await expect(row("half old").getByText("being rotated")).toBeVisible();
  await expect(row(newLabel).getByText("new key, not verified yet")).toBeVisible();
  await expect(row(newLabel).getByText("after verify")).toBeVisible();
  await expectAccessible(page, "keys table with a rotation in progress");
  await shots(page, "rotation-open-keys");

  await page.goto(`/keys/${oldKeyId}`);
  const banner = page.getByRole("note", { name: "Rotation in progress" });
  await expect(banner).toContainText("this key is being replaced by");
  await expect(page.getByRole("link", { name: "Rotate", exact: true })).toHaveCount(0);
  await press(page, banner.getByRole("link", { name: newLabel }));
  await expect(page.getByRole("heading", { level: 1, name: newLabel })).toBeVisible();
  await expect(page.getByRole("note", { name: "Rotation in progress" })).toContainText("its findings wait for the rotation’s verify step");
  await expect(page.getByRole("heading", { name: "Findings (waiting for the verify step)" })).toBeVisible();
  await expect(page.getByLabel(/^Grade /)).toHaveCount(0);
  await expectAccessible(page, "new key of an open rotation");
  await shots(page, "rotation-open-new-key");
  await press(page, page.getByRole("note", { name: "Rotation in progress" }).getByRole("link", { name: "Continue rotation" }));
  await expect(page.getByRole("heading", { name: "Rotate “half old”" })).toBeVisible();
  await expect(page.locator('li[aria-current="step"]')).toContainText("Verify the new key");
});
