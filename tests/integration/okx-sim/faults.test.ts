// Runtime fault injection: latency, 5xx, hangs, malformed JSON, server clock skew.
import { describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { K } from "./support/fixtures";
import { seededSim } from "./support/seeded-sim";
import { signedFetch } from "./support/signed-fetch";

const CONFIG = "/api/v5/account/config";
const TIME = "/api/v5/public/time";
let sim: OkxSim;

seededSim((s) => (sim = s), { faults: true, advanceMs: 3_000, calls: true });

const config = (signal?: AbortSignal) => signedFetch(sim.urls.global, K.reader, CONFIG, { now: sim.clock.serverNow(), signal });

describe("okx-sim faults", () => {
  it("latencyMs delays every response, public ones included", async () => {
    sim.faults.latencyMs = 300;
    let t0 = performance.now();
    expect((await config()).json.code).toBe("0");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    t0 = performance.now();
    await fetch(sim.urls.eea + TIME);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    sim.faults.latencyMs = 0;
    t0 = performance.now();
    await config();
    expect(performance.now() - t0).toBeLessThan(290);
  });

  it("failNext(n, 500) then default 503: OKX 5xx bodies, request not processed, then back to normal", async () => {
    sim.faults.failNext(2, 500);
    for (let i = 0; i < 2; i++) {
      const r = await config();
      expect(r.status).toBe(500);
      expect(r.json.code).toBe("50026");
    }
    expect((await config()).json.code).toBe("0");
    sim.faults.failNext(1);
    const r = await config();
    expect(r.status).toBe(503);
    expect(r.json.code).toBe("50001");
    expect(sim.calls.filter((c) => c.fault === "fail").map((c) => c.status)).toEqual([500, 500, 503]);
    expect(sim.calls.filter((c) => c.fault === "fail").every((c) => c.uid === undefined)).toBe(true);
  });

  it("hangNext(n) never answers: the client times out, the next request is fine", async () => {
    sim.faults.hangNext(1);
    await expect(config(AbortSignal.timeout(300))).rejects.toThrow();
    expect((await config()).json.code).toBe("0");
    expect(sim.calls[0]).toMatchObject({ fault: "hang", status: 0, code: "" });
  });

  it("hangNext(n, ms) answers late, after processing the request", async () => {
    sim.faults.hangNext(1, 400);
    const before = sim.getKey(K.reader.apiKey)?.lastUsedAt ?? 0;
    const t0 = performance.now();
    let settled = false;
    const pending = config().finally(() => {
      settled = true;
    });
    await expect.poll(() => sim.calls.length, { timeout: 2_000, interval: 5 }).toBe(1);
    // Processed on arrival: the key was already used while the answer is still held back.
    expect(sim.getKey(K.reader.apiKey)!.lastUsedAt!).toBeGreaterThan(before);
    expect(settled).toBe(false);
    const r = await pending;
    expect(r.json.code).toBe("0");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(390);
  });

  it("malformedNext(n) sends truncated JSON with HTTP 200, then recovers", async () => {
    sim.faults.malformedNext(2);
    for (let i = 0; i < 2; i++) {
      const res = await fetch(sim.urls.global + TIME);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(() => JSON.parse(text)).toThrow();
      expect(text.startsWith('{"code":"0"')).toBe(true);
    }
    const ok = (await (await fetch(sim.urls.global + TIME)).json()) as { code: string };
    expect(ok.code).toBe("0");
    expect(sim.calls.filter((c) => c.fault === "malformed")).toHaveLength(2);
  });

  it("clock skew shifts the reported server time and the 30 s window, not key ages", async () => {
    sim.clock.skewMs = 60_000;
    const t = (await (await fetch(sim.urls.global + TIME)).json()) as { data: { ts: string }[] };
    expect(Number(t.data[0]?.ts) - Date.now()).toBeGreaterThan(59_000);
    // A client trusting its own clock is rejected; one that corrects by the measured skew passes.
    expect((await signedFetch(sim.urls.global, K.reader, CONFIG)).json.code).toBe("50102");
    expect((await signedFetch(sim.urls.global, K.reader, CONFIG, { now: Number(t.data[0]?.ts) })).json.code).toBe("0");
    // now() (key ages, rate windows) is unaffected by skew.
    const d = sim.clock.serverNow() - sim.clock.now();
    expect(d).toBeGreaterThan(59_990);
    expect(d).toBeLessThanOrEqual(60_000);
    sim.faults.reset();
    expect(sim.clock.skewMs).toBe(0);
    expect((await signedFetch(sim.urls.global, K.reader, CONFIG, { now: sim.clock.serverNow() })).json.code).toBe("0");
  });

  it("faults are consumed one per request in order fail → hang → malformed", async () => {
    sim.faults.malformedNext(1);
    sim.faults.failNext(1);
    expect((await config()).status).toBe(503);
    const res = await fetch(sim.urls.global + TIME);
    await expect(res.json()).rejects.toThrow();
    expect((await config()).json.code).toBe("0");
  });
});
