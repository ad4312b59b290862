// The v5 endpoints the simulator serves: permission, master-only and rate-limit metadata plus handlers.
import { randomBytes, randomUUID } from "node:crypto";
import { ERR, paramEmpty, paramError, type OkxError } from "./errors";
import { ipString, parseIps, parsePerm, permString, TooManyIpsError } from "./normalize";
import type { RateRule } from "./rate-limiter";
import type { SimState } from "./state";
import type { Region, SimAccount, SimKey } from "./types";

export type EndpointId =
  "account-config" | "subaccount-list" | "subaccount-apikey-query" | "subaccount-apikey-create" | "subaccount-apikey-modify" | "subaccount-apikey-delete";

/** Per-UID limits from okx-api.md; each endpoint has its own bucket, as OKX limits per endpoint. */
export const DEFAULT_RATE_LIMITS: Record<EndpointId, RateRule> = {
  "account-config": { limit: 5, windowMs: 2000 },
  "subaccount-list": { limit: 2, windowMs: 2000 },
  "subaccount-apikey-query": { limit: 20, windowMs: 2000 },
  "subaccount-apikey-create": { limit: 1, windowMs: 1000 },
  "subaccount-apikey-modify": { limit: 1, windowMs: 1000 },
  "subaccount-apikey-delete": { limit: 1, windowMs: 1000 },
};

/** OKX: "each account can create up to 50 API keys" (59501). */
const MAX_KEYS_PER_ACCOUNT = 50;

export interface RouteCtx {
  state: SimState;
  key: SimKey;
  account: SimAccount;
  query: URLSearchParams;
  body: Record<string, unknown>;
  region: Region;
  now: number;
}

export type RouteResult = { data: unknown[] } | { error: OkxError };

export interface Route {
  id: EndpointId;
  method: "GET" | "POST";
  /** "trade" routes need trade perm; all keys can read. */
  perm: "read" | "trade";
  /** Only a master-account key (uid == mainUid). */
  masterOnly: boolean;
  /** The master key must be bound to at least one IP (OKX's rule for sub-account key management). */
  needsBoundIp: boolean;
  handle(ctx: RouteCtx): RouteResult;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function accountConfig({ key, account }: RouteCtx): RouteResult {
  const isSub = account.subAcct !== undefined;
  return {
    data: [
      {
        uid: account.uid,
        mainUid: account.mainUid,
        acctLv: account.acctLv,
        acctStpMode: "cancel_maker",
        posMode: "net_mode",
        autoLoan: false,
        greeksType: "PA",
        feeType: "0",
        level: account.level,
        levelTmp: "",
        ctIsoMode: "automatic",
        mgnIsoMode: "automatic",
        roleType: "0",
        traderInsts: [],
        spotRoleType: "0",
        spotTraderInsts: [],
        opAuth: "0",
        kycLv: account.kycLv,
        label: key.label,
        ip: ipString(key.ip),
        perm: permString(key.perm),
        // OKX account type: 0 main account, 1 standard sub-account.
        type: isSub ? "1" : "0",
        liquidationGear: "-1",
        enableSpotBorrow: false,
        spotBorrowAutoRepay: false,
        stgyType: "0",
        spotOffsetType: "",
        discountType: "0",
        settleCcy: "USDT",
        settleCcyList: ["USD", "USDC", "USDG"],
      },
    ],
  };
}

function subaccountList({ state, account, query }: RouteCtx): RouteResult {
  const name = query.get("subAcct");
  const enable = query.get("enable");
  const limit = Math.min(Number(query.get("limit") ?? 100) || 100, 100);
  // OKX pages by creation time, newest first: `after` asks for older rows than that ts, `before` for newer.
  const after = query.get("after");
  const before = query.get("before");
  const rows = state
    .subAccountsOf(account.uid)
    .filter((s) => (name ? s.subAcct === name : true))
    .filter((s) => (enable === null ? true : String(s.enable) === enable))
    .filter((s) => (after ? s.createdAt < Number(after) : true))
    .filter((s) => (before ? s.createdAt > Number(before) : true))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit)
    .map((s) => ({
      type: "1",
      enable: s.enable,
      subAcct: s.subAcct,
      uid: s.uid,
      label: s.label,
      mobile: "",
      gAuth: false,
      frozenFunc: s.frozen ? ["trading", "transfer"] : [],
      canTransOut: true,
      ts: String(s.createdAt),
      subAcctLv: "1",
      firstLvSubAcct: s.subAcct,
      ifDma: false,
    }));
  return { data: rows };
}

const keysOf = (state: SimState, sub: SimAccount): SimKey[] =>
  [...state.keys.values()].filter((k) => k.uid === sub.uid && state.liveKey(k.apiKey) !== undefined);

function requireSub(ctx: RouteCtx, subAcct: string | undefined): SimAccount | OkxError {
  if (!subAcct) return paramEmpty("subAcct");
  return ctx.state.findSubAccount(ctx.account.uid, subAcct) ?? ERR.subAcctMissing;
}

const isError = (v: unknown): v is OkxError => typeof v === "object" && v !== null && "status" in v && "code" in v;

function subaccountKeys(ctx: RouteCtx): RouteResult {
  const sub = requireSub(ctx, ctx.query.get("subAcct") ?? undefined);
  if (isError(sub)) return { error: sub };
  const only = ctx.query.get("apiKey");
  const rows = keysOf(ctx.state, sub)
    .filter((k) => (only ? k.apiKey === only : true))
    .map((k) => ({ label: k.label, apiKey: k.apiKey, perm: permString(k.perm), ip: ipString(k.ip), ts: String(k.createdAt) }));
  return { data: rows };
}

/** Validates optional perm/ip body fields the way create and modify share. */
function parsePermIp(body: Record<string, unknown>): { perm?: ReturnType<typeof parsePerm>; ip?: string[] } | OkxError {
  const out: { perm?: ReturnType<typeof parsePerm>; ip?: string[] } = {};
  if (body.perm !== undefined) {
    const perm = str(body.perm);
    if (perm === undefined) return paramError("perm");
    try {
      out.perm = parsePerm(perm);
    } catch {
      return paramError("perm");
    }
    // Sub-account keys cannot get withdraw through this API.
    if (out.perm.includes("withdraw")) return ERR.noSubWithdraw;
  }
  if (body.ip !== undefined) {
    const ip = str(body.ip);
    if (ip === undefined) return paramError("ip");
    try {
      out.ip = parseIps(ip);
    } catch (e) {
      return e instanceof TooManyIpsError ? ERR.tooManyIps : paramError("ip");
    }
  }
  return out;
}

function validLabel(label: string): boolean {
  return label.length >= 1 && label.length <= 50;
}

/** OKX: 8–32 characters with a number, an upper-case and a lower-case letter and a special character (59505). */
function validPassphrase(p: string): boolean {
  return p.length >= 8 && p.length <= 32 && /[A-Z]/.test(p) && /[a-z]/.test(p) && /\d/.test(p) && /[^A-Za-z0-9]/.test(p);
}

/** Another live key of the sub-account already carries this note name (59502). */
function labelTaken(state: SimState, sub: SimAccount, label: string, except?: string): boolean {
  return keysOf(state, sub).some((k) => k.label === label && k.apiKey !== except);
}

function createKey(ctx: RouteCtx): RouteResult {
  const sub = requireSub(ctx, str(ctx.body.subAcct));
  if (isError(sub)) return { error: sub };
  const label = str(ctx.body.label);
  const passphrase = str(ctx.body.passphrase);
  if (!label) return { error: paramEmpty("label") };
  if (!passphrase) return { error: paramEmpty("passphrase") };
  if (!validLabel(label)) return { error: paramError("label") };
  if (!validPassphrase(passphrase)) return { error: ERR.badPassphraseFormat };
  const pi = parsePermIp(ctx.body);
  if (isError(pi)) return { error: pi };
  if (sub.frozen || !sub.enable) return { error: ERR.subSuspended };
  if (labelTaken(ctx.state, sub, label)) return { error: ERR.duplicateLabel };
  if (keysOf(ctx.state, sub).length >= MAX_KEYS_PER_ACCOUNT) return { error: ERR.tooManyKeys };
  const key = ctx.state.addKey({
    apiKey: randomUUID(),
    secretKey: randomBytes(16).toString("hex").toUpperCase(),
    passphrase,
    label,
    perm: pi.perm ?? ["read_only"],
    ip: pi.ip ?? [],
    demo: ctx.key.demo,
    region: ctx.region,
    uid: sub.uid,
    createdAt: ctx.now,
  });
  return {
    data: [
      {
        subAcct: sub.subAcct,
        label: key.label,
        apiKey: key.apiKey,
        secretKey: key.secretKey,
        passphrase: key.passphrase,
        perm: permString(key.perm),
        ip: ipString(key.ip),
        ts: String(key.createdAt),
      },
    ],
  };
}

function findSubKey(ctx: RouteCtx): { sub: SimAccount; key: SimKey } | OkxError {
  const sub = requireSub(ctx, str(ctx.body.subAcct));
  if (isError(sub)) return sub;
  const apiKey = str(ctx.body.apiKey);
  if (!apiKey) return paramEmpty("apiKey");
  const key = ctx.state.liveKey(apiKey);
  if (!key || key.uid !== sub.uid) return ERR.apiKeyMissing;
  return { sub, key };
}

function modifyKey(ctx: RouteCtx): RouteResult {
  const found = findSubKey(ctx);
  if (isError(found)) return { error: found };
  const { sub, key } = found;
  const label = str(ctx.body.label);
  if (ctx.body.label !== undefined && (label === undefined || !validLabel(label))) return { error: paramError("label") };
  const pi = parsePermIp(ctx.body);
  if (isError(pi)) return { error: pi };
  if (label !== undefined && labelTaken(ctx.state, sub, label, key.apiKey)) return { error: ERR.duplicateLabel };
  if (label !== undefined) key.label = label;
  if (pi.perm) key.perm = pi.perm;
  // OKX: ip "" unbinds every IP.
  if (pi.ip) key.ip = pi.ip;
  return {
    data: [{ subAcct: sub.subAcct, label: key.label, apiKey: key.apiKey, perm: permString(key.perm), ip: ipString(key.ip), ts: String(key.createdAt) }],
  };
}

function deleteKey(ctx: RouteCtx): RouteResult {
  const found = findSubKey(ctx);
  if (isError(found)) return { error: found };
  ctx.state.deleteKey(found.key.apiKey, "api");
  return { data: [{ subAcct: found.sub.subAcct }] };
}

const route = (id: EndpointId, method: "GET" | "POST", perm: "read" | "trade", masterOnly: boolean, handle: Route["handle"]): Route => ({
  id,
  method,
  perm,
  masterOnly,
  needsBoundIp: perm === "trade" && masterOnly,
  handle,
});

/** Private routes by path (without query). */
export const ROUTES = new Map<string, Route>([
  ["/api/v5/account/config", route("account-config", "GET", "read", false, accountConfig)],
  ["/api/v5/users/subaccount/list", route("subaccount-list", "GET", "read", true, subaccountList)],
  ["/api/v5/users/subaccount/modify-apikey", route("subaccount-apikey-modify", "POST", "trade", true, modifyKey)],
  ["/api/v5/users/subaccount/delete-apikey", route("subaccount-apikey-delete", "POST", "trade", true, deleteKey)],
]);

/** GET and POST on the same path are different endpoints (query vs create). */
export const APIKEY_PATH = "/api/v5/users/subaccount/apikey";
export const APIKEY_ROUTES: Record<"GET" | "POST", Route> = {
  GET: route("subaccount-apikey-query", "GET", "read", true, subaccountKeys),
  POST: route("subaccount-apikey-create", "POST", "trade", true, createKey),
};

export const PUBLIC_TIME_PATH = "/api/v5/public/time";
