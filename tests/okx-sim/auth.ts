// Private-request verification in OKX's order. Each step returns the first failing OKX error.
//
// Order (documented choice; OKX does not publish one):
//   missing headers, checked in code order: OK-ACCESS-KEY 50103, OK-ACCESS-PASSPHRASE 50104,
//   OK-ACCESS-SIGN 50106, OK-ACCESS-TIMESTAMP 50107
//   → timestamp format 50112 → |timestamp − server time| > 30 s 50102
//   → key not shaped like the keys OKX issues (a UUID) 50111
//   → key this host does not know 50119: never created, deleted (by the user, by OKX's 14-day rule, by the API),
//     or another entity's key (each entity's host knows only its own keys, so all three look the same)
//   → demo header mismatch 50101 → passphrase 50105 → signature 50113
//   → caller IP not in allowlist (addresses or CIDR segments) 50110 → key or account frozen 50100 (OKX freezes
//   the key, not necessarily the account; a frozen account is this simulator's extension of it).
// Permission (50120) and rate limit (50011) are the route's business, after this.
import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { ERR, ipNotAllowed, type OkxError } from "./errors";
import { ipAllowed } from "./normalize";
import type { SimState } from "./state";
import type { Region, SimAccount, SimKey } from "./types";

export const TIMESTAMP_WINDOW_MS = 30_000;

/** OKX issues API keys as UUIDs; anything else is refused as an invalid OK-ACCESS-KEY before any lookup. */
export const OKX_KEY_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// OKX asks for ISO-8601 UTC with milliseconds (okx-api.md); held to exactly that, so a client that dropped them
// would fail here rather than only against OKX.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface AuthInput {
  headers: IncomingHttpHeaders;
  method: string;
  /** Path with query string exactly as received. */
  rawPath: string;
  body: Buffer;
  region: Region;
  callerIp: string;
  serverNow: number;
}

export type AuthResult = { ok: true; key: SimKey; account: SimAccount } | { ok: false; error: OkxError; key?: SimKey };

const header = (h: IncomingHttpHeaders, name: string): string => {
  const v = h[name];
  return typeof v === "string" ? v : Array.isArray(v) ? (v[0] ?? "") : "";
};

export function authenticate(state: SimState, a: AuthInput): AuthResult {
  const apiKey = header(a.headers, "ok-access-key");
  const passphrase = header(a.headers, "ok-access-passphrase");
  const sign = header(a.headers, "ok-access-sign");
  const timestamp = header(a.headers, "ok-access-timestamp");
  if (!apiKey) return { ok: false, error: ERR.noKey };
  if (!passphrase) return { ok: false, error: ERR.noPassphrase };
  if (!sign) return { ok: false, error: ERR.noSign };
  if (!timestamp) return { ok: false, error: ERR.noTimestamp };

  const ts = ISO_UTC.test(timestamp) ? Date.parse(timestamp) : NaN;
  if (!Number.isFinite(ts)) return { ok: false, error: ERR.badTimestamp };
  if (Math.abs(ts - a.serverNow) > TIMESTAMP_WINDOW_MS) return { ok: false, error: ERR.tsExpired };

  if (!OKX_KEY_SHAPE.test(apiKey)) return { ok: false, error: ERR.malformedKey };
  const found = state.liveKey(apiKey);
  // Another entity's key is unknown here: nothing about it (not even its uid) leaks into this host's answer.
  const key = found?.region === a.region ? found : undefined;
  if (!key) return { ok: false, error: ERR.unknownKey };
  const demoHeader = header(a.headers, "x-simulated-trading") === "1";
  if (demoHeader !== key.demo) return { ok: false, error: ERR.envMismatch, key };
  if (passphrase !== key.passphrase) return { ok: false, error: ERR.badPassphrase, key };

  const expected = createHmac("sha256", key.secretKey)
    .update(timestamp + a.method.toUpperCase() + a.rawPath)
    .update(a.body)
    .digest("base64");
  if (sign !== expected) return { ok: false, error: ERR.badSign, key };

  if (key.ip.length > 0 && !ipAllowed(key.ip, a.callerIp)) return { ok: false, error: ipNotAllowed(a.callerIp), key };
  const account = state.accounts.get(key.uid);
  if (!account) return { ok: false, error: ERR.unknownKey, key };
  // A frozen master freezes its sub-accounts too.
  const master = state.accounts.get(account.mainUid);
  if (key.frozen || account.frozen || master?.frozen) return { ok: false, error: ERR.frozen, key };
  return { ok: true, key, account };
}
