// The client against the independent OKX simulator: every error code, environments, regions, skew, faults.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OkxClient } from "@/lib/okx/client";
import { OkxError } from "@/lib/okx/errors";
import { RateLimiter } from "@/lib/okx/rate-limiter";
import { resolveBaseUrl } from "@/lib/okx/regions";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { CALLER_IP, addSimAccount, addSimKey, simClient, tamperingFetch } from "./sim-fixtures";

const DAY = 86_400_000;
let sim: OkxSim;

beforeAll(async () => {
  sim = await startOkxSim({ callerIp: CALLER_IP });
});
afterAll(() => sim.close());
afterEach(() => sim.faults.reset());

async function failure(p: Promise<unknown>): Promise<OkxError> {
  const e = await p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OkxError);
  return e as OkxError;
}

describe("account/config against the simulator", () => {
  it("reads perm, ip, uid, label of a live key", async () => {
    const creds = addSimKey(sim, { uid: "1001", perm: "read_only,trade", ip: [CALLER_IP, "198.51.100.1"], label: "grid bot" });
    const { data, meta } = await simClient(sim).getAccountConfigWithMeta(creds);
    expect(data).toMatchObject({
      uid: "1001",
      mainUid: "1001",
      isSubAccount: false,
      perm: ["read_only", "trade"],
      ip: [CALLER_IP, "198.51.100.1"],
      label: "grid bot",
    });
    expect(meta.attempts).toBe(1);
    expect(meta.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("reports a sub-account key's mainUid", async () => {
    addSimAccount(sim, { uid: "2000", subAccounts: [{ subAcct: "botsub1", uid: "2001" }] });
    const creds = addSimKey(sim, { uid: "2001", subAcct: "botsub1" });
    const config = await simClient(sim).getAccountConfig(creds);
    expect(config).toMatchObject({ uid: "2001", mainUid: "2000", isSubAccount: true });
  });

  it("demo keys work in demo mode only, live keys in live mode only (50101)", async () => {
    const demo = addSimKey(sim, { uid: "1002", demo: true });
    const live = addSimKey(sim, { uid: "1002" });
    const c = simClient(sim);
    await expect(c.getAccountConfig(demo)).resolves.toMatchObject({ uid: "1002" });
    await expect(c.getAccountConfig(live)).resolves.toMatchObject({ uid: "1002" });
    const e1 = await failure(c.getAccountConfig({ ...demo, demo: false }));
    const e2 = await failure(c.getAccountConfig({ ...live, demo: true }));
    for (const e of [e1, e2]) {
      expect(e.code).toBe("50101");
      expect(e.kind).toBe("auth");
      expect(e.advice).toMatch(/demo/);
    }
  });

  it.each(["global", "eea", "us"] as const)("reaches the %s region through OKX_API_BASE_URL, and only with that region's key", async (region) => {
    const creds = addSimKey(sim, { uid: `30${region.length}`, region });
    const c = simClient(sim);
    expect(resolveBaseUrl(region, { OKX_API_BASE_URL: sim.baseUrlEnv })).toBe(sim.urls[region]);
    const { meta } = await c.getAccountConfigWithMeta(creds);
    expect(meta.baseUrl).toBe(sim.urls[region]);
    const other = region === "global" ? "eea" : "global";
    const e = await failure(c.getAccountConfig({ ...creds, region: other }));
    expect(e.code).toBe("50119");
    expect(e.httpStatus).toBe(200);
    expect(e.advice).toMatch(/another OKX entity/);
  });

  it("maps wrong passphrase (50105), wrong secret (50113), malformed key (50111) and unknown key (50119); none is retried", async () => {
    const creds = addSimKey(sim, { uid: "1003" });
    const c = simClient(sim);
    sim.resetCalls();
    const cases: [typeof creds, string, RegExp][] = [
      [{ ...creds, passphrase: "Wrong-pass-1" }, "50105", /passphrase/i],
      [{ ...creds, secretKey: "WRONGSECRET" }, "50113", /secret key/i],
      [{ ...creds, apiKey: "no-such-key" }, "50111", /malformed.*re-enter the API key/i],
      [{ ...creds, apiKey: "11111111-2222-4333-8444-555555555555" }, "50119", /does not know the key/i],
    ];
    for (const [bad, code, advice] of cases) {
      const e = await failure(c.getAccountConfig(bad));
      expect(e.code).toBe(code);
      expect(e.kind).toBe("auth");
      expect(e.retryable).toBe(false);
      expect(e.httpStatus).toBe(code === "50119" ? 200 : 401);
      expect(e.advice).toMatch(advice);
      expect(e.message + e.advice + e.msg).not.toContain(creds.secretKey);
    }
    expect(sim.calls.filter((x) => !x.path.includes("/public/time"))).toHaveLength(4);
  });

  it("a key deleted on okx.com answers 50119 (HTTP 200), an error all the same", async () => {
    const creds = addSimKey(sim, { uid: "1004" });
    const c = simClient(sim);
    await c.getAccountConfig(creds);
    sim.removeKey(creds.apiKey);
    expect(await failure(c.getAccountConfig(creds))).toMatchObject({ code: "50119", httpStatus: 200, kind: "auth" });
  });

  it("a trade key without IP binding unused for 14 days is gone (50119); IP-bound and read-only keys stay", async () => {
    const trade = addSimKey(sim, { uid: "1005", perm: "read_only,trade" });
    const bound = addSimKey(sim, { uid: "1005", perm: "read_only,trade", ip: [CALLER_IP] });
    const readOnly = addSimKey(sim, { uid: "1005" });
    const c = simClient(sim);
    sim.clock.advance(15 * DAY);
    try {
      const e = await failure(c.getAccountConfig(trade));
      expect(e.code).toBe("50119");
      expect(e.advice).toMatch(/14 days/);
      await expect(c.getAccountConfig(bound)).resolves.toMatchObject({ uid: "1005" });
      await expect(c.getAccountConfig(readOnly)).resolves.toMatchObject({ uid: "1005" });
    } finally {
      sim.clock.advance(-15 * DAY);
    }
  });

  it("an IP allowlist without this machine's IP gives 50110 (kind ip); with it the key works", async () => {
    const elsewhere = addSimKey(sim, { uid: "1006", perm: "read_only,trade", ip: ["198.51.100.7"] });
    const here = addSimKey(sim, { uid: "1006", perm: "read_only,trade", ip: [CALLER_IP] });
    const c = simClient(sim);
    const e = await failure(c.getAccountConfig(elsewhere));
    expect(e.code).toBe("50110");
    expect(e.kind).toBe("ip");
    expect(e.advice).toMatch(/proves the key exists/);
    await expect(c.getAccountConfig(here)).resolves.toMatchObject({ ip: [CALLER_IP] });
  });

  it("a frozen account gives 50100", async () => {
    const creds = addSimKey(sim, { uid: "1007" });
    sim.setAccountFrozen("1007", true);
    const e = await failure(simClient(sim).getAccountConfig(creds));
    expect(e.code).toBe("50100");
    expect(e.kind).toBe("frozen");
    expect(e.advice).toMatch(/support/);
  });

  it.each([
    ["50103", "OK-ACCESS-KEY"],
    ["50104", "OK-ACCESS-PASSPHRASE"],
    ["50106", "OK-ACCESS-SIGN"],
    ["50107", "OK-ACCESS-TIMESTAMP"],
  ])("a missing header gives %s, reported as a bug", async (code, header) => {
    const creds = addSimKey(sim, { uid: "1008" });
    const c = simClient(sim, { fetch: tamperingFetch((h) => delete h[header]) });
    const e = await failure(c.getAccountConfig(creds));
    expect(e.code).toBe(code);
    expect(e.kind).toBe("bug");
  });

  it("a malformed timestamp gives 50112, reported as a bug", async () => {
    const creds = addSimKey(sim, { uid: "1008" });
    const c = simClient(sim, { fetch: tamperingFetch((h) => (h["OK-ACCESS-TIMESTAMP"] = String(Date.parse(h["OK-ACCESS-TIMESTAMP"])))) });
    const e = await failure(c.getAccountConfig(creds));
    expect(e.code).toBe("50112");
    expect(e.kind).toBe("bug");
  });
});

describe("clock skew", () => {
  it.each([40_000, -40_000])("corrects a server clock %i ms off", async (skew) => {
    const creds = addSimKey(sim, { uid: "1010" });
    sim.clock.skewMs = skew;
    const c = simClient(sim);
    const { meta } = await c.getAccountConfigWithMeta(creds);
    expect(Math.abs(meta.skewMs - skew)).toBeLessThan(1000);
    expect(sim.countCode("50102")).toBe(0);
  });

  it("corrects a local clock 41 s ahead", async () => {
    const creds = addSimKey(sim, { uid: "1010" });
    const now = () => Date.now() + 41_000;
    const c = simClient(sim, { clock: { now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } });
    const { meta } = await c.getAccountConfigWithMeta(creds);
    expect(meta.skewMs).toBeLessThan(-40_000);
  });

  it("re-measures when the clock jumps after a measurement", async () => {
    const creds = addSimKey(sim, { uid: "1011" });
    const c = simClient(sim);
    await c.getAccountConfig(creds); // caches skew ≈ 0
    sim.clock.skewMs = 45_000;
    const before = sim.countCode("50102");
    const { meta } = await c.getAccountConfigWithMeta(creds);
    expect(sim.countCode("50102")).toBe(before + 1);
    expect(meta.skewMs).toBeGreaterThan(44_000);
  });

  it("explains a 50102 it cannot fix with the measured skew", async () => {
    const creds = addSimKey(sim, { uid: "1012" });
    // The stamp goes out 41 s late whatever we measured: as if the clock moved between stamp and send.
    const c = simClient(sim, {
      fetch: tamperingFetch((h) => (h["OK-ACCESS-TIMESTAMP"] = new Date(Date.parse(h["OK-ACCESS-TIMESTAMP"]) + 41_000).toISOString())),
    });
    sim.clock.skewMs = -3_000;
    const e = await failure(c.getAccountConfig(creds));
    expect(e.code).toBe("50102");
    expect(e.kind).toBe("auth");
    expect(e.advice).toMatch(/Your clock is (2\.9|3\.0|3\.1) s ahead of OKX/);
  });
});

describe("faults and retries", () => {
  it("retries 5xx on GET and succeeds", async () => {
    const creds = addSimKey(sim, { uid: "1020" });
    const c = simClient(sim);
    await c.getAccountConfig(creds);
    sim.faults.failNext(2, 503);
    const { meta } = await c.getAccountConfigWithMeta(creds);
    expect(meta.attempts).toBe(3);
  });

  it("gives up after 3 tries on persistent 5xx", async () => {
    const creds = addSimKey(sim, { uid: "1021" });
    const c = simClient(sim);
    await c.getAccountConfig(creds);
    sim.resetCalls();
    sim.faults.failNext(5, 500);
    const e = await failure(c.getAccountConfig(creds));
    expect(e.kind).toBe("server");
    expect(e.httpStatus).toBe(500);
    expect(sim.calls).toHaveLength(3);
  });

  it("retries a timeout", async () => {
    const creds = addSimKey(sim, { uid: "1022" });
    const c = simClient(sim, { timeoutMs: 300 });
    await c.getAccountConfig(creds);
    sim.faults.hangNext(1);
    const { meta } = await c.getAccountConfigWithMeta(creds);
    expect(meta.attempts).toBe(2);
  });

  it("reports a hang as a network error after 3 timeouts", async () => {
    const creds = addSimKey(sim, { uid: "1023" });
    const c = simClient(sim, { timeoutMs: 200 });
    await c.getAccountConfig(creds);
    sim.faults.hangNext(3);
    const e = await failure(c.getAccountConfig(creds));
    expect(e.kind).toBe("network");
    expect(e.code).toBe("");
  });

  it("does not retry POSTs", async () => {
    addSimAccount(sim, { uid: "4000", subAccounts: [{ subAcct: "postsub", uid: "4001" }] });
    const master = addSimKey(sim, { uid: "4000", perm: "read_only,trade", ip: [CALLER_IP] });
    const c = simClient(sim);
    await c.getAccountConfig(master);
    sim.resetCalls();
    sim.faults.failNext(1, 503);
    const e = await failure(c.createSubAccountKey(master, { subAcct: "postsub", label: "x", passphrase: "Passphrase-1", perm: ["read_only"], ip: [] }));
    expect(e.kind).toBe("server");
    expect(sim.calls).toHaveLength(1);
  });

  it("does not retry a POST that timed out or hit OKX's rate limit", async () => {
    addSimAccount(sim, { uid: "4010", subAccounts: [{ subAcct: "postsub2", uid: "4011" }] });
    const master = addSimKey(sim, { uid: "4010", perm: "read_only,trade", ip: [CALLER_IP] });
    // The client's own limiter is told OKX allows plenty, so OKX's 50011 reaches it.
    const c = simClient(sim, { timeoutMs: 300, limiter: new RateLimiter({ rules: { subaccountApikeyCreate: { limit: 100, windowMs: 1000 } } }) });
    await c.getAccountConfig(master);
    const create = (label: string) => c.createSubAccountKey(master, { subAcct: "postsub2", label, passphrase: "Passphrase-1", perm: ["read_only"], ip: [] });
    sim.resetCalls();
    sim.faults.hangNext(1);
    const timedOut = await failure(create("first"));
    expect(timedOut.kind).toBe("network");
    expect(sim.calls).toHaveLength(1);
    // The hung request was processed: OKX may have created the key, and a retry could create a second one.
    await new Promise((r) => setTimeout(r, 1100));
    sim.resetCalls();
    const settled = await Promise.allSettled([create("a"), create("b")]);
    const limited = settled.flatMap((r) => (r.status === "rejected" ? [r.reason as OkxError] : []));
    expect(limited.map((e) => e.code)).toEqual(["50011"]);
    expect(sim.calls).toHaveLength(2);
  });

  it("does not follow a redirect (another entity's site): one attempt, advice to check the region", async () => {
    const server = createServer((req, res) => {
      if (req.url?.startsWith("/api/v5/public/time")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: "0", msg: "", data: [{ ts: String(Date.now()) }] }));
        return;
      }
      res.writeHead(302, { location: "https://my.okx.com/account/login" });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const hits: string[] = [];
    server.on("request", (req) => hits.push(req.url ?? ""));
    try {
      const { port } = server.address() as AddressInfo;
      const c = new OkxClient({ env: { OKX_API_BASE_URL: `http://127.0.0.1:${port}` }, backoffBaseMs: 20, timeoutMs: 1500 });
      const e = await failure(c.getAccountConfig({ apiKey: "k", secretKey: "S", passphrase: "p", region: "global", demo: false }));
      expect(e.httpStatus).toBe(302);
      expect(e.retryable).toBe(false);
      expect(e.advice).toMatch(/redirected the request to my\.okx\.com.*check the key's region/);
      expect(hits.filter((u) => u.startsWith("/api/v5/account/config"))).toHaveLength(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("reports truncated JSON as a server error", async () => {
    const creds = addSimKey(sim, { uid: "1024" });
    const c = simClient(sim);
    await c.getAccountConfig(creds);
    sim.faults.malformedNext(1);
    const e = await failure(c.getAccountConfig(creds));
    expect(e.kind).toBe("server");
    expect(e.advice).toMatch(/not JSON/);
  });

  it("reports OKX's own rate limit as kind rate (and retries it)", async () => {
    const creds = addSimKey(sim, { uid: "1025" });
    // A client told OKX allows 100 per window, to provoke 50011 on purpose.
    const c = simClient(sim, { maxAttempts: 1, limiter: new RateLimiter({ rules: { accountConfig: { limit: 100, windowMs: 2000 } } }) });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => c.getAccountConfig(creds, { uidHint: "1025" })));
    const errors = results.flatMap((r) => (r.status === "rejected" ? [r.reason as OkxError] : []));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.code).toBe("50011");
      expect(e.kind).toBe("rate");
      expect(e.httpStatus).toBe(429);
      expect(e.retryable).toBe(true);
    }
  });
});

describe("sub-account key management", () => {
  it("lists, creates, modifies and deletes sub-account keys", async () => {
    addSimAccount(sim, {
      uid: "5000",
      subAccounts: [
        { subAcct: "alpha", uid: "5001", createdDaysAgo: 30 },
        { subAcct: "beta", uid: "5002" },
      ],
    });
    const master = addSimKey(sim, { uid: "5000", perm: "read_only,trade", ip: [CALLER_IP] });
    addSimKey(sim, { uid: "5001", subAcct: "alpha", perm: "read_only,trade", ip: ["198.51.100.9"], label: "old bot key", createdDaysAgo: 100 });
    const c = simClient(sim);
    sim.resetCalls();
    const uid = (await c.getAccountConfig(master)).uid;

    const subs = await c.listSubAccounts(master, {}, { uidHint: uid });
    expect(subs.map((s) => s.subAcct).sort()).toEqual(["alpha", "beta"]);
    const alpha = subs.find((s) => s.subAcct === "alpha")!;
    expect(alpha.uid).toBe("5001");
    expect(alpha.enabled).toBe(true);
    expect(Date.now() - alpha.createdAt.getTime()).toBeGreaterThan(29 * DAY);

    const [oldKey] = await c.listSubAccountKeys(master, "alpha");
    expect(oldKey).toMatchObject({ subAcct: "alpha", label: "old bot key", perm: ["read_only", "trade"], ip: ["198.51.100.9"] });
    expect(Date.now() - oldKey.createdAt.getTime()).toBeGreaterThan(99 * DAY);

    const created = await c.createSubAccountKey(master, {
      subAcct: "alpha",
      label: "new bot key",
      passphrase: "New-Passphrase-1",
      perm: ["read_only", "trade"],
      ip: ["198.51.100.9"],
    });
    expect(created).toMatchObject({
      subAcct: "alpha",
      label: "new bot key",
      perm: ["read_only", "trade"],
      ip: ["198.51.100.9"],
      passphrase: "New-Passphrase-1",
    });
    expect(created.secretKey.length).toBeGreaterThan(8);
    // The new key really works: its own signature verifies (bound to another IP, so 50110 proves it exists).
    const own = { apiKey: created.apiKey, secretKey: created.secretKey, passphrase: created.passphrase, region: "global" as const, demo: false };
    expect((await failure(c.getAccountConfig(own))).code).toBe("50110");

    const modified = await c.modifySubAccountKey(master, { subAcct: "alpha", apiKey: created.apiKey, label: "renamed", ip: [CALLER_IP] });
    expect(modified).toMatchObject({ label: "renamed", ip: [CALLER_IP] });
    await expect(c.getAccountConfig(own)).resolves.toMatchObject({ uid: "5001", mainUid: "5000", label: "renamed" });

    const only = await c.listSubAccountKeys(master, "alpha", created.apiKey);
    expect(only.map((k) => k.apiKey)).toEqual([created.apiKey]);

    await expect(c.deleteSubAccountKey(master, { subAcct: "alpha", apiKey: oldKey.apiKey })).resolves.toEqual({ subAcct: "alpha" });
    expect((await c.listSubAccountKeys(master, "alpha")).map((k) => k.apiKey)).toEqual([created.apiKey]);
    expect(sim.countCode("50011")).toBe(0);
  });

  it("keeps a created key's one-time secret when OKX's reply leaves out fields it can do without", async () => {
    addSimAccount(sim, { uid: "5100", subAccounts: [{ subAcct: "sparse", uid: "5101" }] });
    const master = addSimKey(sim, { uid: "5100", perm: "read_only,trade", ip: [CALLER_IP] });
    const c = simClient(sim);
    await c.getAccountConfig(master);
    sim.faults.omitNext(1, ["subAcct", "label", "passphrase", "perm", "ip", "ts"]);
    const before = Date.now();
    const created = await c.createSubAccountKey(master, {
      subAcct: "sparse",
      label: "bot",
      passphrase: "Passphrase-1",
      perm: ["read_only", "trade"],
      ip: ["198.51.100.7"],
    });
    expect(created).toMatchObject({ subAcct: "sparse", label: "bot", passphrase: "Passphrase-1", perm: ["read_only", "trade"], ip: ["198.51.100.7"] });
    expect(created.secretKey.length).toBeGreaterThan(8);
    expect(created.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    // And the key OKX made is the one returned.
    expect((await c.listSubAccountKeys(master, "sparse")).map((k) => k.apiKey)).toEqual([created.apiKey]);
  });

  it("reports a create reply without the secret as OKX's reply being incomplete", async () => {
    addSimAccount(sim, { uid: "5200", subAccounts: [{ subAcct: "nosecret", uid: "5201" }] });
    const master = addSimKey(sim, { uid: "5200", perm: "read_only,trade", ip: [CALLER_IP] });
    const c = simClient(sim);
    await c.getAccountConfig(master);
    sim.faults.omitNext(1, ["secretKey"]);
    const e = await failure(c.createSubAccountKey(master, { subAcct: "nosecret", label: "bot", passphrase: "Passphrase-1", perm: ["read_only"], ip: [] }));
    expect(e.kind).toBe("server");
    expect(e.advice).toMatch(/secretKey/);
  });

  it('refuses to modify a key to an empty permission list instead of sending perm=""', async () => {
    const master = addSimKey(sim, { uid: "5300", perm: "read_only,trade", ip: [CALLER_IP] });
    sim.resetCalls();
    await expect(simClient(sim).modifySubAccountKey(master, { subAcct: "any", apiKey: "k", perm: [] })).rejects.toThrow(/perm must not be empty/);
    expect(sim.calls).toHaveLength(0);
  });

  it("a master key without an IP binding (50035, HTTP 403) or a sub-account's own key (59500) cannot manage sub-account keys", async () => {
    addSimAccount(sim, { uid: "6100", subAccounts: [{ subAcct: "delta", uid: "6101" }] });
    const unbound = addSimKey(sim, { uid: "6100", perm: "read_only,trade" });
    const subOwn = addSimKey(sim, { uid: "6101", subAcct: "delta", perm: "read_only,trade", ip: [CALLER_IP] });
    const input = { subAcct: "delta", label: "x", passphrase: "Passphrase-1", perm: ["read_only" as const], ip: [] };
    const e1 = await failure(simClient(sim).createSubAccountKey(unbound, input));
    expect(e1).toMatchObject({ code: "50035", httpStatus: 403, kind: "permission", retryable: false });
    expect(e1.advice).toMatch(/bound to IP.*guided/);
    const e2 = await failure(simClient(sim).createSubAccountKey(subOwn, input));
    expect(e2).toMatchObject({ code: "59500", kind: "permission", retryable: false });
    expect(e2.advice).toMatch(/master account's API key/);
  });

  it("an account that already has the 50 keys OKX allows gives 59501 with OKX's message and advice", async () => {
    addSimAccount(sim, { uid: "6200", subAccounts: [{ subAcct: "full", uid: "6201" }] });
    const master = addSimKey(sim, { uid: "6200", perm: "read_only,trade", ip: [CALLER_IP] });
    for (let i = 0; i < 50; i++) addSimKey(sim, { uid: "6201", subAcct: "full" });
    const e = await failure(
      simClient(sim).createSubAccountKey(master, { subAcct: "full", label: "x", passphrase: "Passphrase-1", perm: ["read_only"], ip: ["198.51.100.0/24"] }),
    );
    expect(e).toMatchObject({ code: "59501", kind: "refused", retryable: false, msg: expect.stringMatching(/50 APIKeys/) });
    expect(e.advice).toMatch(/Delete keys/);
  });

  it("59502-59505 keep OKX's message: the request Keywarden built is wrong", async () => {
    addSimAccount(sim, { uid: "6300", subAccounts: [{ subAcct: "eps", uid: "6301" }] });
    const master = addSimKey(sim, { uid: "6300", perm: "read_only,trade", ip: [CALLER_IP] });
    addSimKey(sim, { uid: "6301", subAcct: "eps", label: "taken" });
    const e = await failure(
      simClient(sim).createSubAccountKey(master, { subAcct: "eps", label: "taken", passphrase: "Passphrase-1", perm: ["read_only"], ip: [] }),
    );
    expect(e).toMatchObject({ code: "59502", kind: "refused", msg: expect.stringMatching(/duplicate/) });
    sim.clock.advance(1_100);
    const p = await failure(
      simClient(sim).createSubAccountKey(master, { subAcct: "eps", label: "fresh", passphrase: "weakpassword", perm: ["read_only"], ip: [] }),
    );
    expect(p).toMatchObject({ code: "59505", kind: "refused", msg: expect.stringMatching(/passphrase/) });
  });

  it("a read-only master key cannot manage sub-account keys (50120)", async () => {
    addSimAccount(sim, { uid: "6000", subAccounts: [{ subAcct: "gamma", uid: "6001" }] });
    const master = addSimKey(sim, { uid: "6000", perm: "read_only", ip: [CALLER_IP] });
    const e = await failure(
      simClient(sim).createSubAccountKey(master, { subAcct: "gamma", label: "x", passphrase: "Passphrase-1", perm: ["read_only"], ip: [] }),
    );
    expect(e.code).toBe("50120");
    expect(e.kind).toBe("permission");
  });
});
