// Client behaviour against a scripted fetch: retries, timeouts, parsing, skew, redaction.
import { describe, expect, it } from "vitest";
import { OkxClient } from "@/lib/okx/client";
import { OkxError } from "@/lib/okx/errors";
import type { OkxCredentials } from "@/lib/okx/types";

const creds: OkxCredentials = { apiKey: "ak-1", secretKey: "S3cr3t-Key-Value", passphrase: "Pass-Phrase-9", region: "global", demo: false };
const CONFIG = { uid: "42", mainUid: "42", perm: "read_only,trade", ip: "", label: "bot", acctLv: "2", roleType: "0", type: "0", kycLv: "2" };

type Reply = { status?: number; body?: unknown; raw?: string } | "hang" | "reset";
interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** fetch that answers /public/time with the server clock and everything else from a script. */
function scripted(script: Reply[], serverSkewMs = 0) {
  const seen: Seen[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.pathname === "/api/v5/public/time") {
      return new Response(JSON.stringify({ code: "0", msg: "", data: [{ ts: String(Date.now() + serverSkewMs) }] }), { status: 200 });
    }
    seen.push({
      method: init?.method ?? "GET",
      path: url.pathname + url.search,
      headers: init?.headers as Record<string, string>,
      body: String(init?.body ?? ""),
    });
    const r = script.shift() ?? { body: { code: "0", msg: "", data: [CONFIG] } };
    if (r === "reset") throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    if (r === "hang") {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    }
    return new Response(r.raw ?? JSON.stringify(r.body), { status: r.status ?? 200 });
  }) as typeof fetch;
  return { fetchImpl, seen };
}

function client(fetchImpl: typeof fetch, extra: ConstructorParameters<typeof OkxClient>[0] = {}) {
  return new OkxClient({ fetch: fetchImpl, env: { OKX_API_BASE_URL: "http://okx.test" }, backoffBaseMs: 1, timeoutMs: 200, ...extra });
}

const fail = (code: string, msg: string, status = 401): Reply => ({ status, body: { code, msg, data: [] } });

describe("OkxClient", () => {
  it("returns a typed account config and timing", async () => {
    const { fetchImpl, seen } = scripted([]);
    const res = await client(fetchImpl).getAccountConfigWithMeta(creds);
    expect(res.data).toMatchObject({
      uid: "42",
      mainUid: "42",
      isSubAccount: false,
      perm: ["read_only", "trade"],
      ip: [],
      label: "bot",
      acctLv: "2",
      kycLv: "2",
      posMode: null,
    });
    expect(res.meta.attempts).toBe(1);
    expect(res.meta.baseUrl).toBe("http://okx.test");
    expect(seen[0].path).toBe("/api/v5/account/config");
  });

  it("retries a GET on 5xx, then succeeds", async () => {
    const { fetchImpl, seen } = scripted([fail("50001", "Service temporarily unavailable", 503), { status: 502, raw: "<html>bad gateway</html>" }]);
    const res = await client(fetchImpl).getAccountConfigWithMeta(creds);
    expect(seen).toHaveLength(3);
    expect(res.meta.attempts).toBe(3);
  });

  it("retries timeouts and connection resets, at most 3 tries", async () => {
    const { fetchImpl, seen } = scripted(["hang", "reset", "hang", "hang"]);
    const err = await client(fetchImpl)
      .getAccountConfig(creds)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OkxError);
    expect((err as OkxError).kind).toBe("network");
    expect((err as OkxError).code).toBe("");
    expect((err as OkxError).advice).toMatch(/no answer within/);
    expect(seen).toHaveLength(3);
  });

  it("retries 50011 after at least one window", async () => {
    const { fetchImpl, seen } = scripted([fail("50011", "Too Many Requests", 429)]);
    const started = Date.now();
    await client(fetchImpl).getAccountConfig(creds);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it("decides on the code, never the HTTP status: 50011 with 200 is retried, 50119 with 200 is an error", async () => {
    const limited = scripted([fail("50011", "Too Many Requests", 200)]);
    await client(limited.fetchImpl).getAccountConfig(creds);
    expect(limited.seen).toHaveLength(2);
    const gone = scripted([fail("50119", "API key doesn't exist", 200)]);
    const err = (await client(gone.fetchImpl)
      .getAccountConfig(creds)
      .catch((e: unknown) => e)) as OkxError;
    expect(err).toMatchObject({ code: "50119", httpStatus: 200, kind: "auth" });
    expect(gone.seen).toHaveLength(1);
    const frozen = scripted([fail("50100", "API frozen", 400), fail("59999", "new", 503)]);
    expect(
      await client(frozen.fetchImpl)
        .getAccountConfig(creds)
        .catch((e: unknown) => e),
    ).toMatchObject({ code: "50100", kind: "frozen" });
    expect(
      await client(frozen.fetchImpl)
        .getAccountConfig(creds)
        .catch((e: unknown) => e),
    ).toMatchObject({ code: "59999", kind: "unknown" });
    expect(frozen.seen).toHaveLength(2);
  }, 10_000);

  it.each(["50105", "50111", "50113", "50119", "50101", "50110", "50120", "50100", "50035", "59500"])("never retries %s", async (code) => {
    const { fetchImpl, seen } = scripted([fail(code, "nope")]);
    const err = (await client(fetchImpl)
      .getAccountConfig(creds)
      .catch((e: unknown) => e)) as OkxError;
    expect(err.code).toBe(code);
    expect(seen).toHaveLength(1);
  });

  it("never retries POSTs, even on 5xx", async () => {
    const { fetchImpl, seen } = scripted([fail("50001", "busy", 503)]);
    const err = (await client(fetchImpl)
      .deleteSubAccountKey(creds, { subAcct: "s", apiKey: "k" })
      .catch((e: unknown) => e)) as OkxError;
    expect(err.kind).toBe("server");
    expect(seen).toHaveLength(1);
  });

  it("reports malformed JSON as a server error without retrying a 200", async () => {
    const { fetchImpl, seen } = scripted([{ status: 200, raw: '{"code":"0","data":[{"ui' }]);
    const err = (await client(fetchImpl)
      .getAccountConfig(creds)
      .catch((e: unknown) => e)) as OkxError;
    expect(err.kind).toBe("server");
    expect(err.advice).toMatch(/not JSON/);
    expect(seen).toHaveLength(1);
  });

  it("lists the missing fields of a reply that fails the schema", async () => {
    const { perm: _perm, ip: _ip, ...partial } = CONFIG;
    const { fetchImpl } = scripted([{ body: { code: "0", msg: "", data: [partial] } }]);
    const err = (await client(fetchImpl)
      .getAccountConfig(creds)
      .catch((e: unknown) => e)) as OkxError;
    expect(err.kind).toBe("server");
    expect(err.advice).toContain("missing data[0].perm");
    expect(err.advice).toContain("missing data[0].ip");
  });

  it("corrects for clock skew and re-measures once on 50102", async () => {
    const { fetchImpl, seen } = scripted([], 40_000);
    const c = client(fetchImpl);
    await c.getAccountConfig(creds);
    const stamp = Date.parse(seen[0].headers["OK-ACCESS-TIMESTAMP"]);
    expect(Math.abs(stamp - (Date.now() + 40_000))).toBeLessThan(500);
    expect(c.skew.lastKnown("http://okx.test")).toBeGreaterThan(39_000);

    // The cache says +40 s, OKX says the stamp expired: measure again, retry once.
    const second = scripted([fail("50102", "Timestamp request expired")], -41_000);
    const c2 = client(second.fetchImpl);
    c2.skew.set("http://okx.test", 40_000);
    await c2.getAccountConfig(creds);
    expect(second.seen).toHaveLength(2);
    expect(c2.skew.lastKnown("http://okx.test")).toBeLessThan(-40_000);
  });

  it("explains a persistent 50102 with the measured skew", async () => {
    const { fetchImpl } = scripted([fail("50102", "Timestamp request expired"), fail("50102", "Timestamp request expired")], -41_000);
    const err = (await client(fetchImpl)
      .getAccountConfig(creds)
      .catch((e: unknown) => e)) as OkxError;
    expect(err.code).toBe("50102");
    expect(err.skewMs).toBeLessThan(-40_000);
    expect(err.advice).toMatch(/41 s ahead of OKX/);
  });

  it("never lets a secret into an error", async () => {
    const { fetchImpl } = scripted([fail("59999", `bad passphrase ${creds.passphrase} for ${creds.secretKey}`, 400)]);
    const err = (await client(fetchImpl)
      .getAccountConfig(creds)
      .catch((e: unknown) => e)) as OkxError;
    const text = JSON.stringify({ ...err, message: err.message, advice: err.advice, stack: err.stack });
    expect(text).not.toContain(creds.passphrase);
    expect(text).not.toContain(creds.secretKey);
    expect(err.msg).toContain("[redacted]");
  });

  it("never lets the API key or a new key's passphrase from the request body into an error", async () => {
    const { fetchImpl } = scripted([fail("59999", `key ${creds.apiKey} cannot take passphrase Fresh-Pass-9931`, 400)]);
    const err = (await client(fetchImpl)
      .createSubAccountKey(creds, { subAcct: "s", label: "l", passphrase: "Fresh-Pass-9931", perm: ["read_only"], ip: [] })
      .catch((e: unknown) => e)) as OkxError;
    expect(err.code).toBe("59999");
    const text = JSON.stringify({ ...err, message: err.message, advice: err.advice });
    expect(text).not.toContain(creds.apiKey);
    expect(text).not.toContain("Fresh-Pass-9931");
  });

  it("sends a key with its own host there (time included), unless OKX_API_BASE_URL points elsewhere", async () => {
    const hosts: string[] = [];
    const { fetchImpl } = scripted([]);
    const recording = ((input: string | URL | Request, init?: RequestInit) => {
      hosts.push(new URL(String(input)).origin);
      return fetchImpl(input, init);
    }) as typeof fetch;
    const own = { ...creds, region: "us" as const, baseUrl: "https://us.okx.com" };
    await client(recording, { env: {} }).getAccountConfig(own);
    expect([...new Set(hosts)]).toEqual(["https://us.okx.com"]);
    hosts.length = 0;
    await client(recording).getAccountConfig(own);
    expect([...new Set(hosts)]).toEqual(["http://okx.test"]);
  });

  it("backs off exponentially with ±50 % jitter between retries of a read", async () => {
    const waits: number[] = [];
    const clock = { now: () => Date.now(), sleep: async (ms: number) => void waits.push(ms) };
    const draws = [0, 1];
    const { fetchImpl, seen } = scripted(["reset", "reset"]);
    const c = client(fetchImpl, { clock, backoffBaseMs: 100, maxAttempts: 3, random: () => draws.shift() ?? 0.5 });
    await c.getAccountConfig(creds);
    expect(seen).toHaveLength(3);
    // 100 ms × 2^(attempt−1) × (0.5 + random): the lowest draw halves the first wait, the highest makes the second 1.5×.
    expect(waits).toEqual([50, 300]);
  });

  it("learns the uid from the first reply and paces later calls in that uid's bucket", async () => {
    const { fetchImpl } = scripted([]);
    const c = client(fetchImpl);
    await c.getAccountConfig(creds);
    expect(c.learnedUid(creds)).toBe("42");
    // The first (unknown-uid) request was also charged to uid 42.
    expect(c.limiter.inWindow("accountConfig", "42")).toBe(1);
    await c.getAccountConfig(creds);
    expect(c.limiter.inWindow("accountConfig", "42")).toBe(2);
    expect(c.limiter.inWindow("accountConfig", null)).toBe(1);
  });

  it("builds sub-account DTOs", async () => {
    const { fetchImpl, seen } = scripted([
      { body: { code: "0", msg: "", data: [{ subAcct: "bot1", uid: "7", label: "b", enable: true, ts: "1700000000000", frozenFunc: [] }] } },
      { body: { code: "0", msg: "", data: [{ label: "k", apiKey: "pub", perm: "read_only,trade", ip: "1.1.1.1", ts: "1700000000000" }] } },
      {
        body: {
          code: "0",
          msg: "",
          data: [{ subAcct: "bot1", label: "n", apiKey: "new", secretKey: "sec", passphrase: "pp", perm: "read_only", ip: "1.1.1.1", ts: "1700000000001" }],
        },
      },
      { body: { code: "0", msg: "", data: [{ subAcct: "bot1", label: "n2", apiKey: "new", perm: "read_only", ip: "2.2.2.2", ts: "1700000000001" }] } },
      { body: { code: "0", msg: "", data: [{ subAcct: "bot1" }] } },
    ]);
    const c = client(fetchImpl);
    expect(await c.listSubAccounts(creds, { enable: true })).toEqual([
      { subAcct: "bot1", uid: "7", label: "b", enabled: true, createdAt: new Date(1700000000000), type: null, frozenFunc: [] },
    ]);
    const [key] = await c.listSubAccountKeys(creds, "bot1");
    expect(key).toEqual({
      subAcct: "bot1",
      label: "k",
      apiKey: "pub",
      perm: ["read_only", "trade"],
      permRaw: "read_only,trade",
      ip: ["1.1.1.1"],
      createdAt: new Date(1700000000000),
    });
    const created = await c.createSubAccountKey(creds, { subAcct: "bot1", label: "n", passphrase: "pp", perm: ["read_only"], ip: ["1.1.1.1"] });
    expect(created.secretKey).toBe("sec");
    const modified = await c.modifySubAccountKey(creds, { subAcct: "bot1", apiKey: "new", label: "n2", ip: ["2.2.2.2"] });
    expect(modified.ip).toEqual(["2.2.2.2"]);
    expect(await c.deleteSubAccountKey(creds, { subAcct: "bot1", apiKey: "new" })).toEqual({ subAcct: "bot1" });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      "GET /api/v5/users/subaccount/list?enable=true",
      "GET /api/v5/users/subaccount/apikey?subAcct=bot1",
      "POST /api/v5/users/subaccount/apikey",
      "POST /api/v5/users/subaccount/modify-apikey",
      "POST /api/v5/users/subaccount/delete-apikey",
    ]);
    expect(JSON.parse(seen[3].body)).toEqual({ subAcct: "bot1", apiKey: "new", label: "n2", ip: "2.2.2.2" });
    await expect(c.createSubAccountKey(creds, { subAcct: "b", label: "l", passphrase: "p", perm: ["withdraw" as never], ip: [] })).rejects.toThrow(/withdraw/);
  });

  it("surfaces a caller abort without retrying", async () => {
    const { fetchImpl, seen } = scripted(["hang"]);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = (await client(fetchImpl, { timeoutMs: 5000 })
      .getAccountConfig(creds, { signal: ac.signal })
      .catch((e: unknown) => e)) as OkxError;
    expect(err.retryable).toBe(false);
    expect(err.advice).toMatch(/cancelled/);
    expect(seen).toHaveLength(1);
  });
});
