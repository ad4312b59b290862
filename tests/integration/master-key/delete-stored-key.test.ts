// What a master key does to a stored sub-account key, against the OKX simulator: the listing shows the key, a delete
// is confirmed by the key missing from the listing, a repeat finds nothing to delete, and a key without a stored
// master is not Keywarden's to delete.
import { beforeAll, describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { integrationEnv } from "../../support/integration-env";
import { CALLER_IP, MASTER, ensureAccount, keyInput, simKey } from "../rotation/support";

const MAIN = "8700";
const SUB = "8701";
let sim: OkxSim;
let masterKey: typeof import("@/lib/master-key");
let keys: typeof import("@/lib/keys/key-store");
let client: import("@/lib/okx/client").OkxClient;
let masterId: string;

const env = integrationEnv({ prefix: "kw-master-key-", sim: { callerIp: CALLER_IP }, vault: MASTER });
beforeAll(async () => {
  sim = env.sim;
  masterKey = await import("@/lib/master-key");
  keys = await import("@/lib/keys/key-store");
  client = (await import("@/lib/okx/default-client")).defaultOkxClient();
  ensureAccount(sim, MAIN, [{ subAcct: "incidentsub", uid: SUB }]);
  const m = simKey(sim, { uid: MAIN, perm: "read_only,trade", ip: [CALLER_IP] });
  masterId = (await keys.addKey(keyInput(m, { label: "incident master" }))).id;
});

async function storedSubKey(label: string) {
  const k = simKey(sim, { uid: SUB, subAcct: "incidentsub", perm: "read_only,trade", ip: ["198.51.100.7"] });
  const dto = await keys.addKey(keyInput(k, { label }), { subAcct: "incidentsub", parentKeyId: masterId });
  return { apiKey: k.apiKey, id: dto.id };
}

describe("master key", () => {
  it("lists a stored sub-account key, deletes it and confirms it gone; a repeat has nothing to delete", async () => {
    const key = await storedSubKey("leaked bot");
    expect(await masterKey.listedByMaster(key.id, client)).toMatchObject({ apiKey: key.apiKey, subAcct: "incidentsub" });
    sim.resetCalls();
    expect(await masterKey.deleteStoredKeyOnOkx(key.id, client)).toEqual({ wasListed: true, gone: true });
    const paths = sim.calls.map((c) => c.path.split("?")[0]);
    // Listed, deleted, listed again: OKX's reply to the delete is not taken as proof.
    expect(paths.filter((p) => p.endsWith("/users/subaccount/apikey"))).toHaveLength(2);
    expect(paths.filter((p) => p.endsWith("/users/subaccount/delete-apikey"))).toHaveLength(1);
    expect(await masterKey.listedByMaster(key.id, client)).toBeNull();
    expect(await masterKey.deleteStoredKeyOnOkx(key.id, client)).toEqual({ wasListed: false, gone: true });
  });

  it("deletes only the named key: the sub-account's other keys stay listed", async () => {
    const a = await storedSubKey("bot a");
    const b = await storedSubKey("bot b");
    await masterKey.deleteStoredKeyOnOkx(a.id, client);
    expect(await masterKey.listedByMaster(b.id, client)).toMatchObject({ apiKey: b.apiKey });
  });

  it("a key with no stored master is not Keywarden's to delete", async () => {
    expect(await masterKey.deleteStoredKeyOnOkx(masterId, client)).toBeNull();
    expect(await masterKey.listedByMaster(masterId, client)).toBeNull();
  });
});
