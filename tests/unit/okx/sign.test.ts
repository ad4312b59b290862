// Our signer must agree with an independent implementation (the okx-api npm client), so the signer and
// the OKX simulator (written from the same spec) cannot share a mistake unnoticed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { RestClient } from "okx-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { OkxClient } from "@/lib/okx/client";
import { buildAuthHeaders, okxTimestamp, signRequest } from "@/lib/okx/sign";

const creds = { apiKey: "ak-1111", secretKey: "SECRETKEYEXAMPLE", passphrase: "Pass-phrase1", region: "global" as const, demo: false };

// okx-api keeps these private; we call them anyway because they are the reference implementation.
interface OkxApiInternals {
  signRequest(isPublic: boolean, ts: string, method: string, endpoint: string, params?: object): Promise<{ sign: string }>;
  signMessage(message: string, secret: string, method: "base64", algorithm: "SHA-256"): Promise<string>;
}
function reference(opts: ConstructorParameters<typeof RestClient>[0] = {}): OkxApiInternals {
  return new RestClient({ apiKey: creds.apiKey, apiSecret: creds.secretKey, apiPass: creds.passphrase, ...opts }) as unknown as OkxApiInternals;
}

describe("signRequest", () => {
  it("matches a fixed vector computed with openssl", () => {
    const sign = signRequest({
      timestamp: "2026-11-24T09:08:57.715Z",
      method: "GET",
      requestPath: "/api/v5/users/subaccount/apikey?subAcct=bot1",
      body: "",
      secretKey: "SECRETKEYEXAMPLE",
    });
    expect(sign).toBe("LFB1RNGlVRyN4+LSGyajxRmxr2YXfCoM6hAYFBrmaHs=");
  });

  it("matches okx-api for GET with a query string", async () => {
    const ts = "2026-11-24T09:08:57.715Z";
    const ref = await reference().signRequest(false, ts, "GET", "/api/v5/users/subaccount/apikey", { subAcct: "bot1", apiKey: "abc" });
    const ours = signRequest({
      timestamp: ts,
      method: "GET",
      requestPath: "/api/v5/users/subaccount/apikey?subAcct=bot1&apiKey=abc",
      body: "",
      secretKey: creds.secretKey,
    });
    expect(ours).toBe(ref.sign);
  });

  it("matches okx-api for POST bodies", async () => {
    const ts = "2026-01-02T03:04:05.006Z";
    const params = { subAcct: "bot1", label: "rotated key", passphrase: "x", perm: "read_only,trade", ip: "1.2.3.4" };
    const ref = await reference().signRequest(false, ts, "POST", "/api/v5/users/subaccount/apikey", params);
    const ours = signRequest({
      timestamp: ts,
      method: "POST",
      requestPath: "/api/v5/users/subaccount/apikey",
      body: JSON.stringify(params),
      secretKey: creds.secretKey,
    });
    expect(ours).toBe(ref.sign);
  });

  it("agrees with okx-api on arbitrary inputs (property)", async () => {
    const api = reference();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }),
        fc.constantFrom("GET" as const, "POST" as const),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 200 }),
        async (secret, date, method, path, body) => {
          const ts = date.toISOString();
          const message = ts + method + "/api/v5/" + path + body;
          const ref = await api.signMessage(message, secret, "base64", "SHA-256");
          expect(signRequest({ timestamp: ts, method, requestPath: "/api/v5/" + path, body, secretKey: secret })).toBe(ref);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("changes when any input changes", () => {
    const base = { timestamp: "2026-11-24T09:08:57.715Z", method: "GET" as const, requestPath: "/api/v5/account/config", body: "", secretKey: "s" };
    const sign = signRequest(base);
    expect(signRequest({ ...base, timestamp: "2026-11-24T09:08:57.716Z" })).not.toBe(sign);
    expect(signRequest({ ...base, method: "POST" })).not.toBe(sign);
    expect(signRequest({ ...base, requestPath: "/api/v5/account/config?x=1" })).not.toBe(sign);
    expect(signRequest({ ...base, body: "{}" })).not.toBe(sign);
    expect(signRequest({ ...base, secretKey: "t" })).not.toBe(sign);
  });

  it("formats timestamps as ISO with milliseconds in UTC", () => {
    expect(okxTimestamp(Date.UTC(2026, 10, 24, 9, 8, 57, 715))).toBe("2026-11-24T09:08:57.715Z");
    expect(okxTimestamp(Date.UTC(2026, 0, 1))).toBe("2026-01-01T00:00:00.000Z");
  });

  it("adds x-simulated-trading only for demo keys", () => {
    const input = { ...creds, timestamp: "t", method: "GET" as const, requestPath: "/p", body: "" };
    expect(buildAuthHeaders({ ...input, demo: true })["x-simulated-trading"]).toBe("1");
    expect(buildAuthHeaders({ ...input, demo: false })).not.toHaveProperty("x-simulated-trading");
    const h = buildAuthHeaders(input);
    expect(Object.keys(h)).toEqual(expect.arrayContaining(["OK-ACCESS-KEY", "OK-ACCESS-SIGN", "OK-ACCESS-TIMESTAMP", "OK-ACCESS-PASSPHRASE", "Content-Type"]));
    expect(h["Content-Type"]).toBe("application/json");
  });
});

// Wire level: capture what each client actually sends and verify it with the other's signer.
describe("signatures on the wire", () => {
  interface Captured {
    method: string;
    url: string;
    body: string;
    headers: http.IncomingHttpHeaders;
  }
  const captured: Captured[] = [];
  let server: http.Server;
  let baseUrl = "";
  let serverTs = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        res.setHeader("Content-Type", "application/json");
        if (req.url === "/api/v5/public/time") {
          res.end(JSON.stringify({ code: "0", msg: "", data: [{ ts: String(Date.now() + serverTs) }] }));
          return;
        }
        captured.push({ method: req.method ?? "", url: req.url ?? "", body, headers: req.headers });
        const data = req.url?.startsWith("/api/v5/account/config")
          ? [{ uid: "1", mainUid: "1", perm: "read_only", ip: "", label: "l", acctLv: "1" }]
          : req.url?.startsWith("/api/v5/users/subaccount/apikey") && req.method === "GET"
            ? [{ label: "l", apiKey: "k", perm: "read_only", ip: "", ts: "1700000000000" }]
            : [{ subAcct: "bot 1", label: "l", apiKey: "k", secretKey: "s", passphrase: "p", perm: "read_only", ip: "1.2.3.4", ts: "1700000000000" }];
        res.end(JSON.stringify({ code: "0", msg: "", data }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("okx-api's requests verify with our signer", async () => {
    captured.length = 0;
    const client = new RestClient({ apiKey: creds.apiKey, apiSecret: creds.secretKey, apiPass: creds.passphrase, baseUrl });
    await client.getAccountConfiguration();
    await client.getSubAccountList({ enable: true, subAcct: "bot1" } as never).catch(() => undefined);
    await client.resetSubAccountAPIKey({ subAcct: "bot1", apiKey: "abc", label: "x", perm: "read_only", ip: "1.2.3.4" } as never).catch(() => undefined);
    expect(captured.map((c) => c.method)).toEqual(["GET", "GET", "POST"]);
    expect(captured[1].url).toContain("?");
    expect(captured[2].body).not.toBe("");
    for (const c of captured) {
      const sign = signRequest({
        timestamp: String(c.headers["ok-access-timestamp"]),
        method: c.method as "GET" | "POST",
        requestPath: c.url,
        body: c.body,
        secretKey: creds.secretKey,
      });
      expect(sign, `${c.method} ${c.url}`).toBe(c.headers["ok-access-sign"]);
    }
  });

  it("our requests verify with okx-api's signer, including query strings and POST bodies", async () => {
    captured.length = 0;
    serverTs = 12_345;
    const ours = new OkxClient({ env: { OKX_API_BASE_URL: baseUrl } });
    await ours.getAccountConfig(creds);
    await ours.listSubAccountKeys(creds, "bot 1/ü", "key&x=1");
    await ours.createSubAccountKey(creds, { subAcct: "bot 1", label: "naïve label", passphrase: "Pp-123456", perm: ["read_only"], ip: ["1.2.3.4"] });
    expect(captured).toHaveLength(3);
    const api = reference();
    for (const c of captured) {
      const ts = String(c.headers["ok-access-timestamp"]);
      const expected = await api.signMessage(ts + c.method + c.url + c.body, creds.secretKey, "base64", "SHA-256");
      expect(c.headers["ok-access-sign"], `${c.method} ${c.url}`).toBe(expected);
      expect(c.headers["ok-access-key"]).toBe(creds.apiKey);
      expect(c.headers["ok-access-passphrase"]).toBe(creds.passphrase);
      expect(c.headers["content-type"]).toBe("application/json");
      expect(c.headers["x-simulated-trading"]).toBeUndefined();
      // Skew-corrected: the stamp follows the server's clock (12.3 s ahead), not ours.
      expect(Math.abs(Date.parse(ts) - (Date.now() + 12_345))).toBeLessThan(1000);
      expect(ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    expect(captured[1].url).toBe("/api/v5/users/subaccount/apikey?subAcct=bot%201%2F%C3%BC&apiKey=key%26x%3D1");
    expect(JSON.parse(captured[2].body)).toEqual({ subAcct: "bot 1", label: "naïve label", passphrase: "Pp-123456", perm: "read_only", ip: "1.2.3.4" });
  });

  it("demo keys send x-simulated-trading: 1", async () => {
    captured.length = 0;
    const ours = new OkxClient({ env: { OKX_API_BASE_URL: baseUrl } });
    await ours.getAccountConfig({ ...creds, demo: true });
    expect(captured[0].headers["x-simulated-trading"]).toBe("1");
  });
});
