// OKX's 14-day rule: live trade/withdraw keys without a bound IP die after 14 days without use.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DAY_MS, startOkxSim, type OkxSim } from "@/tests/okx-sim";
import { K, testSeed } from "./support/fixtures";
import { simFetch, type Creds } from "./support/signed-fetch";

const CONFIG = "/api/v5/account/config";
let sim: OkxSim;

beforeEach(async () => {
  sim = await startOkxSim({ seed: testSeed() }); // every fixture key created 1 day ago, never used
});
afterEach(() => sim.close());

const code = async (k: Creds, opts: { demo?: boolean } = {}) => (await simFetch(sim, sim.urls.global, k, CONFIG, opts)).json.code;

describe("okx-sim 14-day deletion", () => {
  it("an unbound trade key unused for more than 14 days gets 50119 (the key does not exist) and is marked expired", async () => {
    sim.clock.advance(13 * DAY_MS - 60_000); // one minute short of 14 days since creation
    expect(sim.getKey(K.unbound.apiKey)?.deletedAt).toBeUndefined();
    sim.clock.advance(61_000);
    expect(await code(K.unbound)).toBe("50119");
    const key = sim.getKey(K.unbound.apiKey);
    expect(key?.deletedReason).toBe("expired-14d");
    expect(key?.deletedAt).toBe(key!.createdAt + 14 * DAY_MS);
    // Deletion is permanent: going back in time does not revive it.
    sim.clock.advance(-20 * DAY_MS);
    expect(await code(K.unbound)).toBe("50119");
  });

  it("withdraw-only unbound keys expire too", async () => {
    sim.clock.advance(14 * DAY_MS);
    expect(await code(K.withdraw)).toBe("50119");
  });

  it("a successful call resets the 14-day countdown", async () => {
    sim.clock.advance(12 * DAY_MS);
    expect(await code(K.unbound)).toBe("0");
    expect(sim.getKey(K.unbound.apiKey)?.lastUsedAt).toBeGreaterThan(sim.clock.now() - 1000);
    sim.clock.advance(13 * DAY_MS);
    expect(await code(K.unbound)).toBe("0");
  });

  it("a failed call (wrong passphrase) does not count as use", async () => {
    sim.clock.advance(12 * DAY_MS);
    expect(await code({ ...K.unbound, passphrase: "Wrong-pass-123" })).toBe("50105");
    sim.clock.advance(3 * DAY_MS);
    expect(await code(K.unbound)).toBe("50119");
  });

  it("demo, read-only and IP-bound keys are exempt", async () => {
    sim.clock.advance(400 * DAY_MS);
    expect(await code(K.demo, { demo: true })).toBe("0");
    expect(await code(K.reader2)).toBe("0"); // read-only, unbound
    expect(await code(K.admin)).toBe("0"); // trade, bound
    expect(sim.liveKeys().map((k) => k.apiKey)).not.toContain(K.unbound.apiKey);
  });

  it("removeKey deletes like okx.com would: 50119 afterwards, on every host", async () => {
    expect(await code(K.reader)).toBe("0");
    sim.removeKey(K.reader.apiKey);
    expect(await code(K.reader)).toBe("50119");
    expect((await simFetch(sim, sim.urls.eea, K.reader, CONFIG)).json.code).toBe("50119");
    expect(sim.getKey(K.reader.apiKey)?.deletedReason).toBe("removed");
  });

  it("clock.set and the reported server time follow the sim clock", async () => {
    const target = Date.UTC(2027, 0, 15, 12, 0, 0);
    sim.clock.set(target);
    const t = (await (await fetch(sim.urls.global + "/api/v5/public/time")).json()) as { data: { ts: string }[] };
    expect(Number(t.data[0]?.ts) - target).toBeGreaterThanOrEqual(0);
    expect(Number(t.data[0]?.ts) - target).toBeLessThan(1000);
    // A client on real time is now far outside the 30 s window.
    const real = await simFetch(sim, sim.urls.global, K.reader, CONFIG, { now: Date.now() });
    expect(real.json.code).toBe("50102");
  });
});
