// Grades and findings that say no more than Keywarden knows (issue 13, items 2–5, 8, 9): a key OKX never
// verified is "?", 50110 reads "bound to other IPs" everywhere, 50100 is its own "frozen" finding, demo keys stay
// low, a read-only master key is told to drop Trade, and OKX's 14-day countdown runs from a use someone vouches
// for. Keys are planted in the simulator (as the user on okx.com) and added through the form.
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, findingCard, snap, unlock } from "./helpers";
import { addKeyViaForm } from "./fleet";
import { simControl } from "./sim-control";

test.describe.configure({ mode: "serial" });

const MAIN_UID = "448203315678901"; // the demo fleet's master account
const OTHER_UID = "517700123456789";
const DAY_MS = 86_400_000;
const ymd = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);
const ids: Record<string, string> = {};

function creds() {
  return { apiKey: randomUUID(), secretKey: randomBytes(16).toString("hex").toUpperCase(), passphrase: `Honest-Grade-${randomBytes(3).toString("hex")}` };
}

async function plant(
  page: Page,
  label: string,
  o: { uid: string; perm: string; ip: string[]; purpose: string; createdDaysAgo: number; demo?: boolean; wrongPassphrase?: boolean },
) {
  const c = creds();
  await simControl.addKey({ ...c, label: `okx ${label}`, perm: o.perm, ip: o.ip, uid: o.uid, demo: o.demo ?? false, createdDaysAgo: o.createdDaysAgo });
  // Adding checks the key at once: a mistyped passphrase (50105) keeps it unverified however often it is checked.
  ids[label] = await addKeyViaForm(page, {
    ...c,
    ...(o.wrongPassphrase ? { passphrase: `${c.passphrase}-typo` } : {}),
    label,
    purpose: o.purpose,
    createdDaysAgo: o.createdDaysAgo,
    demo: o.demo,
    consumers: `${label} app`,
  });
  return c;
}

async function checkNow(page: Page, id: string) {
  await page.goto(`/keys/${id}`);
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("button", { name: "Check now" })).toBeEnabled();
  await page.reload();
}

let frozenKey = "";
test("plant the keys", async ({ page }) => {
  test.setTimeout(90_000);
  await unlock(page);
  await plant(page, "Server-bound bot", { uid: MAIN_UID, perm: "read_only,trade", ip: ["198.51.100.60"], purpose: "trade", createdDaysAgo: 20 });
  await plant(page, "Never checked tracker", {
    uid: OTHER_UID,
    perm: "read_only",
    ip: ["203.0.113.10"],
    purpose: "read",
    createdDaysAgo: 3,
    wrongPassphrase: true,
  });
  frozenKey = (await plant(page, "Frozen bot", { uid: OTHER_UID, perm: "read_only,trade", ip: ["203.0.113.10"], purpose: "trade", createdDaysAgo: 200 }))
    .apiKey;
  await plant(page, "Demo grid", { uid: OTHER_UID, perm: "read_only,trade", ip: [], purpose: "trade", createdDaysAgo: 70, demo: true });
  await plant(page, "Tax tool on master", { uid: MAIN_UID, perm: "read_only,trade", ip: ["203.0.113.10"], purpose: "read", createdDaysAgo: 5 });
  await plant(page, "Unbound scalper", { uid: OTHER_UID, perm: "read_only,trade", ip: [], purpose: "trade", createdDaysAgo: 5 });
  for (const label of ["Server-bound bot", "Frozen bot", "Demo grid", "Tax tool on master", "Unbound scalper"]) await checkNow(page, ids[label]);
});

test("a key OKX never verified reads '?' on its page, in the table and in the posture", async ({ page }) => {
  await unlock(page);
  await page.goto(`/keys/${ids["Never checked tracker"]}`);
  await expect(page.getByRole("img", { name: "Grade unknown: not verified with OKX yet" })).toBeVisible();
  await expect(page.getByTestId("grade-unknown")).toContainText("It gets a grade after its first successful check.");
  await page.goto("/keys?q=Never+checked");
  await expect(
    page
      .locator("tbody tr")
      .first()
      .getByRole("img", { name: /^Grade unknown/ }),
  ).toBeVisible();
  await page.goto("/keys?grade=%3F");
  await expect(page.locator("tbody tr").filter({ hasText: "Never checked tracker" })).toHaveCount(1);
  await expect(page.locator("tbody tr").filter({ hasText: "Tax tool on master" })).toHaveCount(0);
  await page.goto("/");
  await expect(page.getByTestId("posture-unverified")).toContainText(/keys? (is|are) unknown \(grade \?\)/);
});

test("50110 is 'bound to other IPs' on the pages and in every export, with a way to verify the key", async ({ page }) => {
  await unlock(page);
  const label = "Server-bound bot";
  await page.goto(`/keys/${ids[label]}`);
  await expect(page.getByRole("img", { name: /^Grade unknown/ })).toBeVisible();
  await expect(page.getByText("bound to other IPs (OKX refuses this machine: 50110)")).toBeVisible();
  const card = findingCard(page, "Bound to other IPs: permissions not verified");
  await expect(card.getByText("low", { exact: true })).toBeVisible();
  await expect(card.getByRole("listitem").filter({ hasText: `run npx keywarden check "${label}" there` })).toHaveCount(1);
  await snap(page, "honest-key-bound-elsewhere");
  await page.goto(`/keys?q=${encodeURIComponent(label)}`);
  await expect(page.locator("tbody tr").first()).toContainText("bound to other IPs");

  const csv = await (await page.request.get("/api/export?format=csv")).text();
  const row = csv.split("\r\n").find((l) => l.startsWith(`${label},`))!;
  expect(row).toContain(",?,");
  expect(row).toContain(",bound to other IPs,");
  const md = await (await page.request.get("/api/export?format=md")).text();
  const mdRow = md.split("\n").find((l) => l.includes(`| ${label} |`))!;
  expect(mdRow).toContain("| bound to other IPs |");
  expect(mdRow.startsWith("| ? |")).toBe(true);
  const json = await (await page.request.get("/api/export?format=json")).json();
  expect(json.keys.find((k: { label: string }) => k.label === label)).toMatchObject({ grade: "?", score: null, ipBinding: "elsewhere", verified: false });
  expect(json.posture.unverified).toBeGreaterThanOrEqual(2);
});

test("50100 is a 'frozen' finding with support advice, above 'rotation overdue'", async ({ page }) => {
  await simControl.freezeKey(frozenKey);
  await unlock(page);
  await checkNow(page, ids["Frozen bot"]);
  const cards = page.locator("section[aria-labelledby=findings] article");
  await expect(cards.first().getByRole("heading", { level: 3 })).toHaveText("OKX has frozen this API key (50100)");
  const frozen = findingCard(page, "OKX has frozen this API key (50100)");
  await expect(frozen.getByText("high", { exact: true })).toBeVisible();
  await expect(frozen.getByRole("listitem").first()).toContainText("Contact OKX support");
  await expect(frozen).toContainText("not necessarily the account");
  await expect(findingCard(page, "Rotation overdue: key is 200 days old (limit 180)")).toHaveCount(1);
});

test("a demo key's findings are at most low and never claim OKX deletes it", async ({ page }) => {
  await unlock(page);
  await page.goto(`/keys/${ids["Demo grid"]}`);
  const noIp = findingCard(page, "No IP allowlist on a key that can trade");
  await expect(noIp.getByText("low", { exact: true })).toBeVisible();
  await expect(noIp).toContainText("OKX does not delete unbound demo keys");
  await expect(noIp).not.toContainText("deletes unbound");
  for (const s of ["critical", "high", "medium"])
    await expect(page.locator("section[aria-labelledby=findings] article").getByText(s, { exact: true })).toHaveCount(0);
  // On the overview, no demo finding sits above a live one.
  await page.goto("/");
  const owners = await page
    .locator("section[aria-labelledby=top] article")
    .evaluateAll((els) => els.map((e) => e.querySelector("a[href^='/keys/']")?.textContent ?? ""));
  const firstDemo = owners.indexOf("Demo grid");
  if (firstDemo >= 0) expect(owners.slice(firstDemo).every((o) => o === "Demo grid" || o === "")).toBe(true);
});

test("a read-only key on the master account is told to remove Trade, not to move a bot", async ({ page }) => {
  await unlock(page);
  await page.goto(`/keys/${ids["Tax tool on master"]}`);
  const card = findingCard(page, "Trade enabled on a read-only key of the master account");
  await expect(card.getByRole("listitem").first()).toHaveText("okx.com → Profile → API → Edit 'okx Tax tool on master' → untick Trade → Confirm");
  await expect(card).not.toContainText("bot");
  await expect(findingCard(page, "Trading key on the master account")).toHaveCount(0);
});

test("the 14-day countdown runs from a use the owner vouches for and shows that date", async ({ page }) => {
  await unlock(page);
  const id = ids["Unbound scalper"];
  await page.goto(`/keys/${id}`);
  const created = ymd(5);
  const title = (from: string, days: number) =>
    `OKX deletes this key in ${days} days (${new Date(Date.parse(from) + 14 * DAY_MS).toISOString().slice(0, 10)}) unless it is used (no use recorded since ${from})`;
  // Checked a moment ago, yet the countdown still runs from the created-on date: a check is not known to be a use.
  const card = findingCard(page, title(created, 8));
  await expect(card).toHaveCount(1);
  await expect(card).not.toContainText("Check now");
  await expect(card).toContainText("Keywarden's checks do not move this date");
  await page.getByLabel("Last used on").fill(ymd(1));
  await page.getByRole("button", { name: "Save last use" }).click();
  await expect(page.getByText(`Last use saved: the countdown now runs from ${ymd(1)}.`)).toBeVisible();
  await page.reload();
  await expect(findingCard(page, title(ymd(1), 12))).toHaveCount(1);
  await expect(page.locator("section[aria-labelledby=last-use]")).toContainText(`the countdown runs from ${ymd(1)} (the last use you entered)`);
  // A future date is refused next to the field.
  await page.getByLabel("Last used on").fill(ymd(-3));
  await page.getByRole("button", { name: "Save last use" }).click();
  await expect(page.getByText("The last use cannot be in the future.")).toBeVisible();
  await page.goto("/");
  await expect(page.locator("section[aria-labelledby=deletion]").getByRole("listitem").filter({ hasText: "Unbound scalper" })).toContainText(
    `no use recorded since ${ymd(1)}`,
  );
});

test("changed pages: screenshots at 1400 and 390 px, light and dark, axe clean", async ({ page }) => {
  test.setTimeout(90_000);
  await unlock(page);
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, url] of [
      ["overview", "/"],
      ["keys", "/keys"],
      ["key-unknown", `/keys/${ids["Server-bound bot"]}`],
      ["key-countdown", `/keys/${ids["Unbound scalper"]}`],
    ] as const) {
      await page.goto(url);
      await snap(page, `honest-${name}-${width}`);
      await expectAccessible(page, `${url} @${width}`);
    }
  }
});
