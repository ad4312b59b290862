// Public entry of the OKX v5 simulator: three node:http servers (global, eea, us) over one shared state.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createClock, type SimClock } from "./clock";
import { ERR } from "./errors";
import { createFaults, type PendingFault, type SimFaults } from "./faults";
import { handleRequest, type Answer, type HandlerDeps } from "./handler";
import { RateLimiter, type RateRule } from "./rate-limiter";
import { DEFAULT_RATE_LIMITS, type EndpointId } from "./routes";
import { loadSeed, parseSeed } from "./seed";
import { SimState } from "./state";
import { REGIONS, type Region, type SimAccountInput, type SimCall, type SimKey, type SimKeyInput, type SimSeed } from "./types";

export type { SimClock } from "./clock";
export type { SimFaults } from "./faults";
export type { RateRule } from "./rate-limiter";
export type { EndpointId } from "./routes";
export { DEFAULT_RATE_LIMITS } from "./routes";
export { okxSign } from "./sign";
export { parseSeed } from "./seed";
export { DAY_MS, UNUSED_KEY_TTL_MS } from "./state";
export { TIMESTAMP_WINDOW_MS } from "./auth";
export * from "./types";

export const DEFAULT_CALLER_IP = "203.0.113.10";

export interface OkxSim {
  urls: Record<Region, string>;
  /** Value for Keywarden's OKX_API_BASE_URL: "global=URL,eea=URL,us=URL". */
  baseUrlEnv: string;
  clock: SimClock;
  faults: SimFaults;
  calls: SimCall[];
  countCode(code: string): number;
  resetCalls(): void;
  addKey(k: SimKeyInput): SimKey;
  /** Deletes the key as a user would on okx.com (later calls get 50119: the key does not exist). */
  removeKey(apiKey: string): void;
  /** Any key ever known, deleted ones included (see deletedAt / deletedReason); the 14-day rule is applied first. */
  getKey(apiKey: string): SimKey | undefined;
  /** Keys that are still live now. */
  liveKeys(): SimKey[];
  addAccount(a: SimAccountInput): void;
  setAccountFrozen(uid: string, frozen: boolean): void;
  /** OKX freezing (or unfreezing) one API key: its calls get 50100, the account's other keys work. */
  setKeyFrozen(apiKey: string, frozen: boolean): void;
  readonly callerIp: string;
  setCallerIp(ip: string): void;
  close(): Promise<void>;
}

export interface StartOkxSimOptions {
  /** Seed object or path to a seed JSON file. */
  seed?: SimSeed | string;
  /** IP every request pretends to come from; default: the seed's callerIp, else 203.0.113.10. */
  callerIp?: string;
  host?: string;
  /** 0 (default) = any free port. */
  ports?: Partial<Record<Region, number>>;
  /** Override per-endpoint per-UID limits (e.g. to make benchmarks stricter). */
  rateLimits?: Partial<Record<EndpointId, RateRule>>;
  /** Keep sim.calls (default true); benchmarks with millions of requests may turn it off. */
  recordCalls?: boolean;
  /** HTTP status of 50011 replies: 429 (default) or 200, both seen from OKX. */
  rateLimitStatus?: 200 | 429;
}

const MAX_BODY_BYTES = 1 << 20;

export async function startOkxSim(opts: StartOkxSimOptions = {}): Promise<OkxSim> {
  const limiter = new RateLimiter();
  // Moving the clock back would leave future-dated entries in the rate windows; start them fresh.
  const clock = createClock(() => limiter.clear());
  const faults = createFaults(() => {
    clock.skewMs = 0;
  });
  const state = new SimState(() => clock.now());
  const seed = opts.seed === undefined ? undefined : parseSeed(opts.seed);
  let callerIp = opts.callerIp ?? seed?.callerIp ?? DEFAULT_CALLER_IP;
  if (seed) loadSeed(state, seed);

  const record = opts.recordCalls ?? true;
  const calls: SimCall[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const deps: HandlerDeps = {
    state,
    limiter,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits },
    now: () => clock.now(),
    serverNow: () => clock.serverNow(),
    callerIp: () => callerIp,
    rateLimitStatus: opts.rateLimitStatus,
  };

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  function send(res: ServerResponse, status: number, payload: string, delayMs: number): void {
    const write = () => {
      if (res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
      res.end(payload);
    };
    if (delayMs > 0) later(delayMs, write);
    else write();
  }

  function onRequest(region: Region, req: IncomingMessage, res: ServerResponse): void {
    const at = clock.now();
    const method = req.method ?? "GET";
    const rawPath = req.url ?? "/";
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () => {
      const fault: PendingFault | undefined = faults.take();
      const headerKey = req.headers["ok-access-key"];
      const apiKey = typeof headerKey === "string" && headerKey ? headerKey : undefined;
      const latency = faults.latencyMs;
      if (fault?.kind === "fail") {
        const e = fault.status === 500 ? ERR.server500 : ERR.server503;
        if (record) calls.push({ at, region, method, path: rawPath, apiKey, code: e.code, status: e.status, fault: "fail" });
        send(res, e.status, JSON.stringify({ code: e.code, msg: e.msg, data: [] }), latency);
        return;
      }
      const answer: Answer = handleRequest(deps, { region, method, rawPath, headers: req.headers, body: Buffer.concat(chunks) });
      let payload = JSON.stringify(answer.body);
      const call: SimCall = { at, region, method, path: rawPath, apiKey, uid: answer.uid, code: answer.body.code, status: answer.status };
      if (fault?.kind === "hang") {
        call.fault = "hang";
        if (fault.ms === undefined) {
          // Processed but never answered: the socket stays open until the client gives up or close().
          call.status = 0;
          call.code = "";
          if (record) calls.push(call);
          return;
        }
        if (record) calls.push(call);
        send(res, answer.status, payload, fault.ms + latency);
        return;
      }
      if (fault?.kind === "malformed") {
        call.fault = "malformed";
        payload = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
      }
      if (fault?.kind === "omit") {
        call.fault = "omit";
        const data = answer.body.data.map((item) =>
          item && typeof item === "object" ? Object.fromEntries(Object.entries(item).filter(([k]) => !fault.fields.includes(k))) : item,
        );
        payload = JSON.stringify({ ...answer.body, data });
      }
      if (record) calls.push(call);
      send(res, answer.status, payload, latency);
    });
  }

  const host = opts.host ?? "127.0.0.1";
  const servers = new Map<Region, Server>();
  const urls = {} as Record<Region, string>;
  for (const region of REGIONS) {
    const server = createServer({ keepAlive: true }, (req, res) => onRequest(region, req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.ports?.[region] ?? 0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    servers.set(region, server);
    urls[region] = `http://${host}:${port}`;
  }

  return {
    urls,
    baseUrlEnv: REGIONS.map((r) => `${r}=${urls[r]}`).join(","),
    clock,
    faults,
    calls,
    countCode: (code) => calls.reduce((n, c) => (c.code === code ? n + 1 : n), 0),
    resetCalls: () => {
      calls.length = 0;
    },
    addKey: (k) => state.addKey(k),
    removeKey: (apiKey) => state.deleteKey(apiKey, "removed"),
    getKey: (apiKey) => state.anyKey(apiKey),
    liveKeys: () => [...state.keys.keys()].flatMap((k) => state.liveKey(k) ?? []),
    addAccount: (a) => state.addAccount(a),
    setAccountFrozen(uid, frozen) {
      const a = state.accounts.get(uid);
      if (!a) throw new Error(`unknown uid ${uid}`);
      a.frozen = frozen;
    },
    setKeyFrozen(apiKey, frozen) {
      const k = state.anyKey(apiKey);
      if (!k) throw new Error(`unknown key ${apiKey}`);
      k.frozen = frozen;
    },
    get callerIp() {
      return callerIp;
    },
    setCallerIp(ip) {
      callerIp = ip;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(
        [...servers.values()].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
