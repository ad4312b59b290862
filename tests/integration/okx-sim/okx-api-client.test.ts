// Success paths driven by the independent npm client `okx-api`, proving the sim's signature check
// against someone else's signer (its baseUrl option points it at a region port; demoTrading adds the header).
import { RestClient } from "okx-api";
import { describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { CALLER_IP, K, MASTER_UID, SUB_UID } from "./support/fixtures";
import { seededSim } from "./support/seeded-sim";
import type { Creds } from "./support/signed-fetch";

let sim: OkxSim;

seededSim((s) => (sim = s), { calls: true });

const client = (c: Creds, baseUrl: string, demoTrading = false) =>
  new RestClient({ apiKey: c.apiKey, apiSecret: c.secretKey, apiPass: c.passphrase, baseUrl, demoTrading });

describe("okx-sim with the okx-api RestClient", () => {
  it("account/config returns OKX's shape for a master key", async () => {
    const [cfg] = await client(K.admin, sim.urls.global).getAccountConfiguration();
    expect(cfg).toMatchObject({
      uid: MASTER_UID,
      mainUid: MASTER_UID,
      acctLv: "2",
      kycLv: "2",
      label: "admin",
      perm: "read_only,trade",
      ip: `${CALLER_IP},198.51.100.1`,
      type: "0",
      posMode: "net_mode",
      roleType: "0",
      opAuth: "0",
    });
    for (const f of [
      "uid",
      "mainUid",
      "acctLv",
      "posMode",
      "greeksType",
      "level",
      "levelTmp",
      "ctIsoMode",
      "mgnIsoMode",
      "roleType",
      "spotRoleType",
      "opAuth",
      "kycLv",
      "label",
      "ip",
      "perm",
      "type",
      "liquidationGear",
    ] as const) {
      expect(typeof (cfg as unknown as Record<string, unknown>)[f], f).toBe("string");
    }
    expect(sim.calls.at(-1)).toMatchObject({ code: "0", apiKey: K.admin.apiKey, uid: MASTER_UID });
  });

  it("an unbound withdraw key reports perm with withdraw and an empty ip", async () => {
    const [cfg] = await client(K.withdraw, sim.urls.global).getAccountConfiguration();
    expect(cfg?.perm).toBe("read_only,withdraw");
    expect(cfg?.ip).toBe("");
  });

  it("a sub-account key reports its own uid and the master's mainUid", async () => {
    const [cfg] = await client(K.sub, sim.urls.global).getAccountConfiguration();
    expect(cfg?.uid).toBe(SUB_UID);
    expect(cfg?.mainUid).toBe(MASTER_UID);
    expect((cfg as unknown as { type: string }).type).toBe("1");
  });

  it("demo key works with demoTrading: true and fails (50101) without", async () => {
    const [cfg] = await client(K.demo, sim.urls.global, true).getAccountConfiguration();
    expect(cfg?.label).toBe("demo");
    await expect(client(K.demo, sim.urls.global).getAccountConfiguration()).rejects.toMatchObject({ code: "50101" });
  });

  it("EEA key works on the eea port and gets 50119 on global", async () => {
    const [cfg] = await client(K.eea, sim.urls.eea).getAccountConfiguration();
    expect(cfg?.uid).toBe(K.eea.uid);
    await expect(client(K.eea, sim.urls.global).getAccountConfiguration()).rejects.toMatchObject({ code: "50119" });
  });

  it("sub-account list and key query with query strings", async () => {
    const c = client(K.admin, sim.urls.global);
    const subs = await c.getSubAccountList();
    expect(subs.map((s) => s.subAcct).sort()).toEqual(["bot-sub-1", "empty-sub"]);
    const one = await c.getSubAccountList({ subAcct: "bot-sub-1" });
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ subAcct: "bot-sub-1", uid: SUB_UID, label: "bots", enable: true });
    sim.clock.advance(2_100); // the list allows 2 calls per 2 s per UID
    expect(await c.getSubAccountList({ enable: "false" })).toHaveLength(1);

    const keys = (await c.getPrivate("/api/v5/users/subaccount/apikey", { subAcct: "bot-sub-1" })) as Record<string, string>[];
    expect(keys).toEqual([{ label: "sub-trader", apiKey: K.sub.apiKey, perm: "read_only,trade", ip: CALLER_IP, ts: expect.stringMatching(/^\d{13}$/) }]);
    const filtered = await c.getPrivate("/api/v5/users/subaccount/apikey", { subAcct: "bot-sub-1", apiKey: K.sub.apiKey });
    expect(filtered).toHaveLength(1);
  });

  it("create, modify (resetSubAccountAPIKey) and delete a sub-account key; the new key works", async () => {
    const c = client(K.admin, sim.urls.global);
    const [created] = (await c.postPrivate("/api/v5/users/subaccount/apikey", {
      subAcct: "bot-sub-1",
      label: "rotated-1",
      passphrase: "Rotated-Pass-01",
      perm: "read_only,trade",
      ip: CALLER_IP,
    })) as Record<string, string>[];
    expect(created).toMatchObject({ subAcct: "bot-sub-1", label: "rotated-1", passphrase: "Rotated-Pass-01", perm: "read_only,trade", ip: CALLER_IP });
    expect(created?.apiKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created?.secretKey).toMatch(/^[0-9A-F]{32}$/);
    expect(Math.abs(Number(created?.ts) - sim.clock.now())).toBeLessThan(5000);
    const fresh = { apiKey: created!.apiKey!, secretKey: created!.secretKey!, passphrase: "Rotated-Pass-01" };
    const [cfg] = await client(fresh, sim.urls.global).getAccountConfiguration();
    expect(cfg).toMatchObject({ uid: SUB_UID, label: "rotated-1", perm: "read_only,trade" });

    const [modified] = (await c.resetSubAccountAPIKey({
      subAcct: "bot-sub-1",
      apiKey: fresh.apiKey,
      label: "rotated-1b",
      perm: "read_only",
      ip: `${CALLER_IP},198.51.100.2`,
    })) as unknown as Record<string, string>[];
    expect(modified).toMatchObject({ label: "rotated-1b", perm: "read_only", ip: `${CALLER_IP},198.51.100.2` });
    const [after] = await client(fresh, sim.urls.global).getAccountConfiguration();
    expect(after?.perm).toBe("read_only");

    const [deleted] = (await c.postPrivate("/api/v5/users/subaccount/delete-apikey", { subAcct: "bot-sub-1", apiKey: fresh.apiKey })) as Record<
      string,
      string
    >[];
    expect(deleted).toEqual({ subAcct: "bot-sub-1" });
    await expect(client(fresh, sim.urls.global).getAccountConfiguration()).rejects.toMatchObject({ code: "50119" });
    expect(sim.getKey(fresh.apiKey)?.deletedReason).toBe("api");
  });
});
