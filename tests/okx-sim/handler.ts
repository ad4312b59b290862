// One request in, one OKX answer out: routing, auth, permission, rate limit, handler.
// Pure of any socket concerns so server.ts can wrap it with faults and latency.
import type { IncomingHttpHeaders } from "node:http";
import { authenticate } from "./auth";
import { ERR, type OkxError } from "./errors";
import type { RateLimiter, RateRule } from "./rate-limiter";
import { APIKEY_PATH, APIKEY_ROUTES, PUBLIC_TIME_PATH, ROUTES, type EndpointId, type Route } from "./routes";
import type { SimState } from "./state";
import type { Region } from "./types";

export interface HandlerDeps {
  state: SimState;
  limiter: RateLimiter;
  rateLimits: Record<EndpointId, RateRule>;
  now(): number;
  serverNow(): number;
  callerIp(): string;
  /** OKX sends 50011 with HTTP 429 or 200; the client must decide on the code either way. */
  rateLimitStatus?: 200 | 429;
}

export interface RequestIn {
  region: Region;
  method: string;
  rawPath: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  body: { code: string; msg: string; data: unknown[] };
  apiKey?: string;
  uid?: string;
}

const ok = (data: unknown[]): Answer["body"] => ({ code: "0", msg: "", data });
const fail = (e: OkxError, extra: Partial<Answer> = {}): Answer => ({
  status: e.status,
  body: { code: e.code, msg: e.msg, data: [] },
  ...extra,
});

function findRoute(pathname: string, method: string): Route | OkxError {
  if (pathname === APIKEY_PATH) return method === "GET" || method === "POST" ? APIKEY_ROUTES[method] : ERR.badMethod;
  const r = ROUTES.get(pathname);
  if (!r) return ERR.notFound;
  return r.method === method ? r : ERR.badMethod;
}

export function handleRequest(deps: HandlerDeps, req: RequestIn): Answer {
  const q = req.rawPath.indexOf("?");
  const pathname = q === -1 ? req.rawPath : req.rawPath.slice(0, q);
  if (pathname === PUBLIC_TIME_PATH) {
    if (req.method !== "GET") return fail(ERR.badMethod);
    return { status: 200, body: ok([{ ts: String(deps.serverNow()) }]) };
  }
  const route = findRoute(pathname, req.method);
  if ("code" in route) return fail(route);

  const apiKeyHeader = req.headers["ok-access-key"];
  const apiKey = typeof apiKeyHeader === "string" && apiKeyHeader ? apiKeyHeader : undefined;
  const auth = authenticate(deps.state, {
    headers: req.headers,
    method: req.method,
    rawPath: req.rawPath,
    body: req.body,
    region: req.region,
    callerIp: deps.callerIp(),
    serverNow: deps.serverNow(),
  });
  if (!auth.ok) return fail(auth.error, { apiKey, uid: auth.key?.uid });
  const { key, account } = auth;
  const now = deps.now();
  key.lastUsedAt = now; // "used" = authenticated, whatever the route decides next
  const who = { apiKey, uid: key.uid };

  const isMaster = account.uid === account.mainUid;
  // Sub-account management: only a master account's key (59500), with Trade for changes (50120), and for changes
  // the master key must be bound to IPs (50035).
  if (route.masterOnly && !isMaster) return fail(ERR.masterOnly, who);
  if (route.perm === "trade" && !key.perm.includes("trade")) return fail(ERR.noPermission, who);
  if (route.needsBoundIp && key.ip.length === 0) return fail(ERR.ipBindingRequired, who);
  if (!deps.limiter.take(key.uid, route.id, deps.rateLimits[route.id], now)) return fail({ ...ERR.rateLimit, status: deps.rateLimitStatus ?? 429 }, who);

  let body: Record<string, unknown> = {};
  if (req.method === "POST") {
    if (req.body.length === 0) return fail(ERR.bodyEmpty, who);
    try {
      const parsed: unknown = JSON.parse(req.body.toString("utf8"));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return fail(ERR.jsonFormat, who);
      body = parsed as Record<string, unknown>;
    } catch {
      return fail(ERR.jsonFormat, who);
    }
  }
  const query = new URLSearchParams(q === -1 ? "" : req.rawPath.slice(q + 1));
  const result = route.handle({ state: deps.state, key, account, query, body, region: req.region, now });
  if ("error" in result) return fail(result.error, who);
  return { status: 200, body: ok(result.data), ...who };
}
