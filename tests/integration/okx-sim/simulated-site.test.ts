// The demo's simulated okx.com page: the user can create the new key and delete the old one, which is what a
// guided rotation of a demo key needs (issue #13 item 18). Real HTTP to the page and to the simulator's API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { createSimKey, startSimulatedOkxSite } from "../../demo/simulated-okx-site";
import { okxSign } from "../../okx-sim";

let sim: OkxSim;
let site: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  sim = await startOkxSim({ seed: "tests/okx-sim/seeds/demo-fleet.json" });
  site = await startSimulatedOkxSite(sim, { port: 0, masterUid: "448203315678901", uids: ["448203315678901"] });
});
afterAll(async () => {
  await site.close();
  await sim.close();
});

async function config(k: { apiKey: string; secretKey: string; passphrase: string }) {
  const ts = new Date(sim.clock.serverNow()).toISOString();
  const path = "/api/v5/account/config";
  const res = await fetch(`${sim.urls.global}${path}`, {
    headers: {
      "OK-ACCESS-KEY": k.apiKey,
      "OK-ACCESS-SIGN": okxSign(k.secretKey, ts, "GET", path, ""),
      "OK-ACCESS-TIMESTAMP": ts,
      "OK-ACCESS-PASSPHRASE": k.passphrase,
    },
  });
  return (await res.json()) as { code: string; data: { perm: string; ip: string; uid: string }[] };
}

describe("simulated okx.com for the demo", () => {
  it("a ready replacement key answers OKX on the same account, permissions and IPs", async () => {
    const k = createSimKey(sim, { uid: "448203315678901", label: "grid-bot-2026", perm: "read_only,trade", ip: ["203.0.113.10", "198.51.100.7"] });
    const r = await config(k);
    expect(r.code).toBe("0");
    expect(r.data[0]).toMatchObject({ perm: "read_only,trade", ip: "203.0.113.10,198.51.100.7", uid: "448203315678901" });
  });

  it("creates a key (secret shown once) and deletes one from the page", async () => {
    const created = await (
      await fetch(`${site.url}/create`, { method: "POST", body: new URLSearchParams({ label: "from page", trade: "1", ip: "203.0.113.10" }) })
    ).text();
    const apiKey = /API key: ([0-9a-f-]{36})/.exec(created)![1];
    const secretKey = /Secret key: ([0-9A-F]{32})/.exec(created)![1];
    const passphrase = /Passphrase: (\S+?)<\/div>/.exec(created)![1].replace(/&#33;/g, "!");
    expect((await config({ apiKey, secretKey, passphrase })).code).toBe("0");
    const list = await (await fetch(site.url)).text();
    expect(list).toContain("from page");
    expect(list).not.toContain(secretKey);
    await fetch(`${site.url}/delete`, { method: "POST", body: new URLSearchParams({ apiKey }) });
    expect((await config({ apiKey, secretKey, passphrase })).code).not.toBe("0");
    expect(await (await fetch(site.url)).text()).not.toContain("from page");
  });

  it("refuses cross-site posts", async () => {
    const before = sim.liveKeys().length;
    const res = await fetch(`${site.url}/create`, { method: "POST", headers: { "sec-fetch-site": "cross-site" }, body: new URLSearchParams({ label: "x" }) });
    expect(res.status).toBe(403);
    expect(sim.liveKeys().length).toBe(before);
  });
});
