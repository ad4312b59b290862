// Every private-request rejection, hand-signed so each header and byte is under the test's control.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { okxSign, type OkxSim } from "@/tests/okx-sim";
import { K } from "./support/fixtures";
import { seededSim } from "./support/seeded-sim";
import { signedFetch, simFetch } from "./support/signed-fetch";

const CONFIG = "/api/v5/account/config";
let sim: OkxSim;

seededSim((s) => (sim = s), { faults: true, calls: true });

const expectError = (r: { status: number; json: { code: string; data: unknown[] } }, code: string, status = 401) => {
  expect(r.json.code).toBe(code);
  expect(r.status).toBe(status);
  expect(r.json.data).toEqual([]);
};

describe("okx-sim private request verification", () => {
  it("accepts a correctly signed request", async () => {
    const r = await signedFetch(sim.urls.global, K.reader, CONFIG);
    expect(r.status).toBe(200);
    expect(r.json.code).toBe("0");
    expect(r.json.data[0]?.perm).toBe("read_only");
  });

  it.each([
    ["OK-ACCESS-KEY", "50103"],
    ["OK-ACCESS-PASSPHRASE", "50104"],
    ["OK-ACCESS-SIGN", "50106"],
    ["OK-ACCESS-TIMESTAMP", "50107"],
  ])("missing %s → %s", async (header, code) => {
    expectError(await signedFetch(sim.urls.global, K.reader, CONFIG, { omit: [header] }), code);
  });

  it("an empty header counts as missing", async () => {
    expectError(await signedFetch(sim.urls.global, K.reader, CONFIG, { override: { "OK-ACCESS-KEY": "" } }), "50103");
  });

  it.each(["1700000000000", "2026-11-24 09:08:57", "2026-11-24T09:08:57.715+01:00", "yesterday", "2026-11-24T09:08:57Z", "2026-11-24T09:08:57.7Z"])(
    "bad timestamp format %s → 50112",
    async (timestamp) => {
      expectError(await signedFetch(sim.urls.global, K.reader, CONFIG, { timestamp }), "50112");
    },
  );

  it("timestamp 31 s off in either direction → 50102; 29 s off is accepted", async () => {
    const now = sim.clock.serverNow();
    expectError(await signedFetch(sim.urls.global, K.reader, CONFIG, { now: now - 31_000 }), "50102");
    expectError(await signedFetch(sim.urls.global, K.reader, CONFIG, { now: now + 31_000 }), "50102");
    expect((await signedFetch(sim.urls.global, K.reader, CONFIG, { now: now + 29_000 })).json.code).toBe("0");
  });

  it('unknown key → 50119 "API key doesn\'t exist" with HTTP 200, on every host', async () => {
    const ghost = { ...K.reader, apiKey: "11111111-2222-4333-8444-555555555555" };
    for (const url of Object.values(sim.urls)) {
      const r = await signedFetch(url, ghost, CONFIG);
      expectError(r, "50119", 200);
      expect(r.json.msg).toBe("API key doesn't exist.");
    }
  });

  it.each(["no-such-key", "11111111222243338444555555555555", "11111111-2222-4333-8444-55555555555z", "11111111-2222-4333-8444-5555555555555"])(
    "a key not shaped like OKX's (a UUID) → 50111 Invalid OK-ACCESS-KEY: %j",
    async (apiKey) => {
      const r = await signedFetch(sim.urls.global, { ...K.reader, apiKey }, CONFIG);
      expectError(r, "50111");
      expect(r.json.msg).toBe("Invalid OK-ACCESS-KEY.");
    },
  );

  it("each entity's host knows only its own keys: another entity's key → 50119 (HTTP 200), both directions, no uid leaked", async () => {
    expectError(await signedFetch(sim.urls.global, K.eea, CONFIG), "50119", 200);
    expectError(await signedFetch(sim.urls.us, K.eea, CONFIG), "50119", 200);
    expectError(await signedFetch(sim.urls.eea, K.reader, CONFIG), "50119", 200);
    expect(sim.calls.every((c) => c.uid === undefined)).toBe(true);
    expect((await signedFetch(sim.urls.eea, K.eea, CONFIG)).json.code).toBe("0");
  });

  it("demo key without the demo header, and live key with it → 50101", async () => {
    expectError(await signedFetch(sim.urls.global, K.demo, CONFIG), "50101");
    expectError(await signedFetch(sim.urls.global, K.reader, CONFIG, { demo: true }), "50101");
    expect((await signedFetch(sim.urls.global, K.demo, CONFIG, { demo: true })).json.code).toBe("0");
  });

  it("wrong passphrase → 50105", async () => {
    expectError(await signedFetch(sim.urls.global, { ...K.reader, passphrase: "Not-The-One-123" }, CONFIG), "50105");
  });

  it("wrong secret → 50113", async () => {
    expectError(await signedFetch(sim.urls.global, { ...K.reader, secretKey: K.admin.secretKey }, CONFIG), "50113");
  });

  it("signature must cover the query string and the exact body bytes", async () => {
    const ts = new Date().toISOString();
    const path = "/api/v5/users/subaccount/list?limit=5";
    // Signed without the query → rejected.
    const noQuery = okxSign(K.admin.secretKey, ts, "GET", "/api/v5/users/subaccount/list");
    const r1 = await signedFetch(sim.urls.global, K.admin, path, { timestamp: ts, override: { "OK-ACCESS-SIGN": noQuery } });
    expectError(r1, "50113");
    // Body re-serialised with different whitespace → rejected.
    const sent = '{"subAcct":"bot-sub-1", "apiKey":"x"}';
    const signedOver = okxSign(K.admin.secretKey, ts, "POST", "/api/v5/users/subaccount/delete-apikey", JSON.stringify(JSON.parse(sent)));
    const res = await fetch(sim.urls.global + "/api/v5/users/subaccount/delete-apikey", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "OK-ACCESS-KEY": K.admin.apiKey,
        "OK-ACCESS-PASSPHRASE": K.admin.passphrase,
        "OK-ACCESS-TIMESTAMP": ts,
        "OK-ACCESS-SIGN": signedOver,
      },
      body: sent,
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe("50113");
    // Lower-case method in the prehash → rejected (OKX wants upper case).
    const lowerSig = createHmac("sha256", K.reader.secretKey)
      .update(ts + "get" + CONFIG)
      .digest("base64");
    expectError(await signedFetch(sim.urls.global, K.reader, CONFIG, { timestamp: ts, override: { "OK-ACCESS-SIGN": lowerSig } }), "50113");
  });

  it("caller IP not in the key's allowlist → 50110 naming the IP; setCallerIp changes the verdict", async () => {
    const r = await signedFetch(sim.urls.global, K.elsewhere, CONFIG);
    expectError(r, "50110");
    expect(r.json.msg).toContain(sim.callerIp);
    sim.setCallerIp("198.51.100.99");
    try {
      expect((await signedFetch(sim.urls.global, K.elsewhere, CONFIG)).json.code).toBe("0");
      expectError(await signedFetch(sim.urls.global, K.reader, CONFIG), "50110");
    } finally {
      sim.setCallerIp("203.0.113.10");
    }
  });

  it("an allowlist entry may be a network segment (CIDR), IPv4 or IPv6", async () => {
    const segment = { apiKey: "22222222-3333-4444-8555-666666666666", secretKey: "C".repeat(32), passphrase: "Segment-pass-1" };
    sim.addKey({ ...segment, label: "segment", perm: "read_only", ip: ["198.51.100.0/24", "2001:db8::/32"], uid: K.other.uid });
    expectError(await signedFetch(sim.urls.global, segment, CONFIG), "50110");
    try {
      sim.setCallerIp("198.51.100.200");
      const r = await signedFetch(sim.urls.global, segment, CONFIG);
      expect(r.json.code).toBe("0");
      expect(r.json.data[0]?.ip).toBe("198.51.100.0/24,2001:db8::/32");
      sim.setCallerIp("2001:db8:1::7");
      expect((await signedFetch(sim.urls.global, segment, CONFIG)).json.code).toBe("0");
      sim.setCallerIp("198.51.101.1");
      expectError(await signedFetch(sim.urls.global, segment, CONFIG), "50110");
    } finally {
      sim.setCallerIp("203.0.113.10");
    }
  });

  it("frozen account → 50100 with HTTP 400; unfreezing restores access", async () => {
    expectError(await signedFetch(sim.urls.global, K.frozen, CONFIG), "50100", 400);
    sim.setAccountFrozen(K.frozen.uid, false);
    try {
      expect((await signedFetch(sim.urls.global, K.frozen, CONFIG)).json.code).toBe("0");
    } finally {
      sim.setAccountFrozen(K.frozen.uid, true);
    }
  });

  it("checks run in the documented order: timestamp before key, key shape before lookup, host before passphrase before sign", async () => {
    const ghost = { ...K.reader, apiKey: "11111111-2222-4333-8444-555555555555" };
    expectError(await signedFetch(sim.urls.global, ghost, CONFIG, { timestamp: "bad" }), "50112");
    expectError(await signedFetch(sim.urls.global, { ...K.reader, apiKey: "not-a-key" }, CONFIG, { timestamp: "bad" }), "50112");
    expectError(await signedFetch(sim.urls.eea, { ...ghost, apiKey: "not-a-key" }, CONFIG), "50111");
    expectError(await signedFetch(sim.urls.eea, ghost, CONFIG), "50119", 200);
    expectError(await signedFetch(sim.urls.eea, { ...K.reader, passphrase: "wrong-pass-1" }, CONFIG), "50119", 200);
    expectError(await signedFetch(sim.urls.global, { ...K.reader, passphrase: "wrong-pass-1", secretKey: "00" }, CONFIG), "50105");
    expectError(await signedFetch(sim.urls.global, { ...K.elsewhere, secretKey: "00" }, CONFIG), "50113");
  });

  it("records calls with the public key only and counts codes", async () => {
    await signedFetch(sim.urls.global, K.reader, CONFIG);
    await signedFetch(sim.urls.global, { ...K.reader, passphrase: "wrong-pass-1" }, CONFIG);
    expect(sim.calls).toHaveLength(2);
    expect(sim.calls[0]).toMatchObject({ region: "global", method: "GET", path: CONFIG, apiKey: K.reader.apiKey, uid: K.reader.uid, code: "0", status: 200 });
    expect(sim.countCode("50105")).toBe(1);
    expect(JSON.stringify(sim.calls)).not.toContain(K.reader.secretKey);
    expect(JSON.stringify(sim.calls)).not.toContain(K.reader.passphrase);
  });

  it("public time needs no auth and reports the sim clock; unknown paths 404; wrong method 405", async () => {
    const before = sim.clock.serverNow();
    const t = (await (await fetch(sim.urls.global + "/api/v5/public/time")).json()) as { code: string; data: { ts: string }[] };
    expect(t.code).toBe("0");
    const ts = Number(t.data[0]?.ts);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThan(before + 1000);
    const nf = await fetch(sim.urls.global + "/api/v5/nope");
    expect(nf.status).toBe(404);
    expect(((await nf.json()) as { data: unknown[] }).data).toEqual([]);
    const wrong = await simFetch(sim, sim.urls.global, K.reader, CONFIG, { method: "POST", body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.json.code).toBe("50115");
  });
});
