// Sub-account discovery for a master-account key: list its sub-accounts, then each sub-account's keys with
// their real creation time. Pure OKX side (no DB): every request goes through the client, so the per-UID
// rate limiter paces it in the master account's buckets. A failure is returned, not thrown: discovery is an
// extra a check does, and must never turn a working check into a failed one.
import type { OkxClient } from "@/lib/okx/client";
import { OkxError, unexpectedError } from "@/lib/okx/errors";
import type { Semaphore } from "@/lib/okx/semaphore";
import type { AccountConfig, OkxCredentials, SubAccount, SubAccountKey } from "@/lib/okx/types";

/** A listed key with what the sub-account listing says about its account (a frozen sub-account cannot use it). */
export type DiscoveredSubAccountKey = SubAccountKey & { subAccountFrozen: boolean };

export type DiscoveryResult = { ok: true; subAccounts: number; keys: DiscoveredSubAccountKey[] } | { ok: false; error: OkxError };

/**
 * Shared by the keys of one check-all run: master keys of the same account discover once, not once each. Keyed
 * by the master UID and environment only (a UID belongs to one entity, whichever of its hosts answered), so the
 * listing, limited to 2 requests per 2 s per UID, runs at most once per master UID per run.
 */
export type DiscoveryCache = Map<string, Promise<DiscoveryResult>>;

export interface DiscoveryOptions {
  signal?: AbortSignal;
  gate?: Semaphore;
  cache?: DiscoveryCache;
}

/** OKX's maximum page size for /users/subaccount/list. */
const PAGE = 100;
/** 5,000 sub-accounts is far beyond any account we expect; the cap only stops a server that pages forever. */
const MAX_PAGES = 50;

/** Master-account keys (uid == mainUid) with Read, which every sub-account listing needs. */
export function canDiscover(config: AccountConfig): boolean {
  return !config.isSubAccount && config.perm.includes("read_only");
}

export function discoverSubAccountKeys(client: OkxClient, creds: OkxCredentials, config: AccountConfig, opts: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const ref = `${creds.demo ? "demo" : "live"}\n${config.uid}`;
  const hit = opts.cache?.get(ref);
  if (hit) return hit;
  const run = discover(client, creds, config.uid, opts);
  opts.cache?.set(ref, run);
  return run;
}

async function discover(client: OkxClient, creds: OkxCredentials, uid: string, opts: DiscoveryOptions): Promise<DiscoveryResult> {
  const call = { uidHint: uid, signal: opts.signal, gate: opts.gate };
  try {
    const subs = await listAllSubAccounts(client, creds, call);
    // All or nothing: a partial list would make the "not in Keywarden" list silently incomplete.
    const perSub = await Promise.all(
      subs.map(async (s) => {
        const keys = await client.listSubAccountKeys(creds, s.subAcct, undefined, call);
        // okx-api.md: the listing's `enable` false or any `frozenFunc` entry means the sub-account is restricted.
        const subAccountFrozen = !s.enabled || s.frozenFunc.length > 0;
        return keys.map((k) => ({ ...k, subAccountFrozen }));
      }),
    );
    return { ok: true, subAccounts: subs.length, keys: perSub.flat() };
  } catch (e) {
    // Cancellation belongs to the caller (a stopped check-all), not to discovery.
    if (opts.signal?.aborted) throw opts.signal.reason ?? e;
    return { ok: false, error: e instanceof OkxError ? e : unexpectedError() };
  }
}

async function listAllSubAccounts(
  client: OkxClient,
  creds: OkxCredentials,
  call: { uidHint: string; signal?: AbortSignal; gate?: Semaphore },
): Promise<SubAccount[]> {
  const seen = new Map<string, SubAccount>();
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = await client.listSubAccounts(creds, { limit: PAGE, after }, call);
    const before = seen.size;
    for (const s of rows) if (!seen.has(s.subAcct)) seen.set(s.subAcct, s);
    // OKX pages backwards by creation time (`after` = older than this ts). Stop on a short page, or when a
    // page brought nothing new (a server that ignores `after` would otherwise repeat itself).
    if (rows.length < PAGE || seen.size === before) break;
    // `after` is strict, so sub-accounts created in the same millisecond as the page's oldest would be skipped:
    // ask from one millisecond later and let `seen` drop the repeats.
    after = String(Math.min(...rows.map((s) => s.createdAt.getTime())) + 1);
  }
  return [...seen.values()];
}
