// Security rule 4: a canary secret must not appear in any HTML or RSC response, nor in the server's log.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { CANARY, MASTER, unlock } from "./helpers";
import { E2E_SERVER_LOG } from "./ports";

test("canary secrets never leave the server", async ({ page, request }) => {
  await unlock(page);
  await page.goto("/keys/new");
  await page.getByLabel("Label").fill("canary");
  await page.getByLabel("API key").fill(CANARY.apiKey);
  await page.getByLabel("Secret key").fill(CANARY.secretKey);
  await page.getByLabel("API passphrase").fill(CANARY.passphrase);
  const responses: string[] = [];
  page.on("response", async (r) => {
    try {
      responses.push(await r.text());
    } catch {}
  });
  await page.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByRole("heading", { name: "canary" })).toBeVisible();
  const keyUrl = page.url().replace(/\?.*$/, "");

  const cookies = await page.context().cookies();
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  for (const path of ["/", "/keys", new URL(keyUrl).pathname, `${new URL(keyUrl).pathname}/edit`, "/audit-log", "/settings"]) {
    for (const rsc of [false, true]) {
      const res = await request.get(path, { headers: { cookie: cookieHeader, ...(rsc ? { RSC: "1" } : {}) } });
      expect(res.status(), path).toBe(200);
      responses.push(await res.text());
    }
  }
  const all = responses.join("\n");
  expect(all).toContain("canary");
  for (const secret of [CANARY.secretKey, CANARY.passphrase, CANARY.apiKey, MASTER]) expect(all).not.toContain(secret);
  const log = fs.readFileSync(E2E_SERVER_LOG, "utf8");
  for (const secret of [CANARY.secretKey, CANARY.passphrase, CANARY.apiKey, MASTER]) expect(log).not.toContain(secret);
});
