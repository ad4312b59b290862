// Replies no OKX sends, from a tiny hostile server on 127.0.0.1: a response trickled one byte a second (slow-loris),
// headers then a body that never ends, a 50 MB body, a redirect to another host. The real client must end each call
// within its own timeout budget, must not hold the body in memory, must not follow the redirect, and a stored key
// checked against it must end as a network error / error, never as a dead key.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OkxClient } from "@/lib/okx/client";
import { OkxError } from "@/lib/okx/errors";
import { MAX_REPLY_BYTES } from "@/lib/okx/transport";
import { fastClient, integrationEnv } from "../../support/integration-env";

type Mode = "slow-loris" | "endless" | "huge" | "redirect" | "declared-huge";
const MODES = ["slow-loris", "endless", "huge", "redirect"] as const;
const HUGE_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 1500;
const ATTEMPTS = 3;
const BACKOFF_MS = 20;
// Every attempt may use its whole timeout, plus the backoffs (≤ 1.5 × base × 2^n) and generous slack for a loaded
// machine: a call that does not end on its own (no deadline on the body) blows through this by far.
const CALL_BOUND_MS = ATTEMPTS * TIMEOUT_MS + BACKOFF_MS * 1.5 * (2 ** ATTEMPTS - 1) + 4000;

interface Hostile {
  url: string;
  mode: Mode;
  /** Body bytes of the huge reply the client took off the socket (write accepted; backpressure holds the rest). */
  hugeBytesSent: number;
  privateRequests: number;
  close(): Promise<void>;
}

/** Answers /public/time properly (the client measures skew first), and every other path in the current mode. */
async function startHostile(otherHost: string): Promise<Hostile> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state: Hostile = { url: "", mode: "slow-loris", hugeBytesSent: 0, privateRequests: 0, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith("/api/v5/public/time")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: "0", msg: "", data: [{ ts: String(Date.now()) }] }));
      return;
    }
    state.privateRequests++;
    const socket = req.socket;
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(() => (socket.destroyed ? clearInterval(t) : fn()), ms);
      timers.add(t);
      socket.once("close", () => {
        clearInterval(t);
        timers.delete(t);
      });
    };
    switch (state.mode) {
      case "slow-loris": {
        // The whole response, status line included, one byte a second, written raw past node's HTTP layer.
        const raw = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"code":"0","msg":"","data":[{"uid":"1"}]}');
        let i = 0;
        every(1000, () => {
          if (i < raw.length) socket.write(raw.subarray(i, ++i));
        });
        return;
      }
      case "endless": {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"code":"0","msg":"","data":[');
        every(20, () => res.write('{"uid":"1"},'));
        return;
      }
      case "huge": {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.from('"' + "x".repeat(64 * 1024 - 3) + '",');
        res.write('{"code":"0","msg":"","data":[');
        const pump = () => {
          while (state.hugeBytesSent < HUGE_BYTES && !socket.destroyed) {
            state.hugeBytesSent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          if (!socket.destroyed) res.end('"end"]}');
        };
        pump();
        return;
      }
      case "declared-huge":
        // Announces 50 MB and then sends nothing: refused on the header, without waiting for the timeout.
        res.writeHead(200, { "content-type": "application/json", "content-length": String(HUGE_BYTES) });
        res.flushHeaders();
        return;
      case "redirect":
        res.writeHead(302, { location: `${otherHost}${req.url ?? "/"}` });
        res.end();
        return;
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return state;
}

/** The host the redirect points at: it must never see a request (it would get the signed headers). */
async function startOtherHost(): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const other: { url: string; hits: number; close(): Promise<void> } = { url: "", hits: 0, close: async () => undefined };
  const server = createServer((_req, res) => {
    other.hits++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ code: "50119", msg: "API key doesn't exist", data: [] }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  other.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  other.close = () => new Promise<void>((r) => server.close(() => r()));
  return other;
}

const env = integrationEnv({ prefix: "kw-hostile-", vault: "copper-violin-tundra-57", client: fastClient });
let hostile: Hostile;
let other: Awaited<ReturnType<typeof startOtherHost>>;

beforeAll(async () => {
  other = await startOtherHost();
  hostile = await startHostile(other.url);
  // The default client reads this on every call: every region's host is the hostile server.
  process.env.OKX_API_BASE_URL = hostile.url;
});
afterAll(async () => {
  await hostile?.close();
  await other?.close();
});

const creds = {
  apiKey: "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
  secretKey: "SECRETHOSTILE0123456789ABCDEF",
  passphrase: "Hostile-pass-1",
  region: "global" as const,
  demo: false,
};

function client(): OkxClient {
  return new OkxClient({ env: { OKX_API_BASE_URL: hostile.url }, timeoutMs: TIMEOUT_MS, maxAttempts: ATTEMPTS, backoffBaseMs: BACKOFF_MS });
}

/** Runs a call, returning its error, how long it took and the highest memory growth seen while it ran. */
async function measured(call: () => Promise<unknown>): Promise<{ error: OkxError; ms: number; peakGrowthBytes: number }> {
  global.gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 5);
  const started = performance.now();
  try {
    const outcome = await call().then(
      () => new Error("expected the call to fail"),
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(OkxError);
    peak = Math.max(peak, used());
    return { error: outcome as OkxError, ms: performance.now() - started, peakGrowthBytes: peak - base };
  } finally {
    clearInterval(sampler);
  }
}

describe("the OKX client against hostile replies", () => {
  it("a slow-loris reply (one byte a second) ends at the timeout, as a network error, retried within budget", async () => {
    hostile.mode = "slow-loris";
    const before = hostile.privateRequests;
    const { error, ms } = await measured(() => client().getAccountConfigWithMeta(creds));
    expect(error.kind).toBe("network");
    expect(error.advice).toMatch(/no answer within 2 s/);
    expect(hostile.privateRequests - before).toBe(ATTEMPTS);
    expect(ms).toBeGreaterThanOrEqual(ATTEMPTS * TIMEOUT_MS * 0.9);
    expect(ms).toBeLessThan(CALL_BOUND_MS);
  });

  it("headers then a body that never ends: the timeout covers the body too", async () => {
    hostile.mode = "endless";
    const { error, ms, peakGrowthBytes } = await measured(() => client().getAccountConfigWithMeta(creds));
    expect(error.kind).toBe("network");
    expect(error.advice).toMatch(/no answer within|larger than/);
    expect(ms).toBeLessThan(CALL_BOUND_MS);
    expect(peakGrowthBytes).toBeLessThan(20 * 1024 * 1024);
  });

  it("a 50 MB body: reading stops at the cap, memory does not grow by the body, not retried", async () => {
    hostile.mode = "huge";
    hostile.hugeBytesSent = 0;
    const before = hostile.privateRequests;
    const { error, ms, peakGrowthBytes } = await measured(() => client().getAccountConfigWithMeta(creds));
    expect(error.kind).toBe("network");
    expect(error.retryable).toBe(false);
    expect(error.advice).toMatch(/larger than 2 MB/);
    expect(hostile.privateRequests - before).toBe(1);
    expect(ms).toBeLessThan(CALL_BOUND_MS);
    // The client stopped taking bytes off the socket soon after the cap (kernel and stream buffers hold a few MB).
    expect(hostile.hugeBytesSent).toBeLessThan(MAX_REPLY_BYTES + 16 * 1024 * 1024);
    expect(peakGrowthBytes).toBeLessThan(25 * 1024 * 1024);
  });

  it("a reply that announces 50 MB is refused on its header, well before the timeout", async () => {
    hostile.mode = "declared-huge";
    const { error, ms } = await measured(() => client().getAccountConfigWithMeta(creds));
    expect(error.kind).toBe("network");
    expect(error.advice).toMatch(/larger than 2 MB/);
    expect(ms).toBeLessThan(TIMEOUT_MS);
  });

  it("a redirect to another host is not followed: the other host never sees the signed request", async () => {
    hostile.mode = "redirect";
    const { error, ms } = await measured(() => client().getAccountConfigWithMeta(creds));
    expect(error.kind).toBe("server");
    expect(error.httpStatus).toBe(302);
    expect(error.advice).toContain(new URL(other.url).host);
    expect(other.hits).toBe(0);
    expect(ms).toBeLessThan(CALL_BOUND_MS);
  });
});

// What the key's page says after the check: a reason, never that the key is gone.
const CHECK_MESSAGE: Record<(typeof MODES)[number], RegExp> = {
  "slow-loris": /^Could not reach OKX \(no answer within 2 s\)/,
  endless: /^Could not reach OKX \(no answer within 2 s\)/,
  huge: /^The reply was larger than 2 MB, which no OKX answer is/,
  redirect: /^OKX redirected the request to 127\.0\.0\.1:\d+ instead of answering/,
};

describe("checkKey of a stored key against hostile replies", () => {
  let ids: Record<(typeof MODES)[number], string>;
  beforeAll(async () => {
    void env.dir;
    const keys = await import("@/lib/keys/key-store");
    ids = {} as typeof ids;
    for (const mode of MODES) {
      const dto = await keys.addKey({
        label: `hostile ${mode}`,
        purpose: "trade",
        usedBy: "",
        createdOn: "2026-01-10",
        notes: "",
        ...creds,
        apiKey: creds.apiKey.replace(/^.{4}/, String(1000 + MODES.indexOf(mode))),
      });
      ids[mode] = dto.id;
    }
  });

  it.each(MODES)("%s: the check is stored as network_error / error within the bound, and no finding says the key is dead", async (mode) => {
    hostile.mode = mode;
    const checks = await import("@/lib/checks");
    const started = performance.now();
    const dto = await checks.checkKey(ids[mode]);
    expect(performance.now() - started).toBeLessThan(CALL_BOUND_MS);
    expect(dto.outcome).toBe(mode === "redirect" ? "error" : "network_error");
    expect(dto.code).not.toBe("50119");
    expect(dto.message).toMatch(CHECK_MESSAGE[mode]);
    expect(other.hits).toBe(0);

    const { loadVaultReport } = await import("@/lib/reports/vault-report");
    const report = await loadVaultReport({ now: new Date() });
    const audited = report.keys.find((k) => k.key.id === ids[mode]);
    expect(audited?.checks[0]).toMatchObject({ outcome: dto.outcome });
    expect(audited?.audit.findings.map((f) => f.rule)).not.toContain("dead-key");
    const db = await (await import("@/lib/db/client")).db();
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "key.check", keyId: ids[mode] }, orderBy: { at: "desc" } });
    expect(JSON.parse(event.detail)).toMatchObject({ outcome: dto.outcome });
    expect(event.detail).not.toContain(creds.secretKey);
    expect(event.detail).not.toContain(creds.passphrase);
  });
});
