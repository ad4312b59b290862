import "server-only";
// Check one stored key: decrypt it in memory, ask OKX what it can do, store what OKX said (never the
// secret) and log the event.
//
// lastOkAt is only set on outcome "ok". A 50110 (ip_blocked) proves the key exists, but not that it
// works from anywhere we can see, so it updates lastCheckedAt only; lib/audit treats ip_blocked as
// "reached" for the dead-key rule. (50110 only happens on IP-bound keys, which OKX's 14-day deletion
// of unbound trade keys never applies to, so not counting it as "use" cannot start a false countdown.)
import type { Actor } from "@/lib/audit-log/record";
import { NotFoundError } from "@/lib/errors/app-error";
import { loadKeyCredentials, type KeyCredentials } from "@/lib/keys/credentials";
import type { OkxClient } from "@/lib/okx/client";
import { defaultOkxClient } from "@/lib/okx/default-client";
import type { Semaphore } from "@/lib/okx/semaphore";
import type { AccountConfig } from "@/lib/okx/types";
import { toUserError } from "@/lib/errors/to-user-message";
import { toCheckDto, type CheckDto } from "./check-dto";
import { writeCheck } from "./check-writer";
import { recordFromError, recordFromSuccess, type CheckRecord } from "./check-record";
import { canDiscover, discoverSubAccountKeys, type DiscoveryCache } from "./sub-account-discovery";
import { prepareDiscovery, type PreparedDiscovery } from "./sub-key-links";

export interface CheckKeyOptions {
  actor?: Actor;
  /** Defaults to the process-wide client, whose rate limiter every check shares. */
  client?: OkxClient;
  signal?: AbortSignal;
  /** Caps requests in flight (check-all). */
  gate?: Semaphore;
  /** check-all shares one so master keys of the same account discover their sub-accounts once per run. */
  discoveryCache?: DiscoveryCache;
}

/** Checks a stored key and records the result. Throws VaultLockedError / NotFoundError before calling OKX. */
export async function checkKey(keyId: string, opts: CheckKeyOptions = {}): Promise<CheckDto> {
  const creds = await loadKeyCredentials(keyId);
  return checkLoadedKey(creds, opts);
}

/** The same, for credentials already opened (check-all loads them itself). */
export async function checkLoadedKey(creds: KeyCredentials, opts: CheckKeyOptions = {}): Promise<CheckDto> {
  const client = opts.client ?? defaultOkxClient();
  let record: CheckRecord;
  let config: AccountConfig | null = null;
  try {
    const { data, meta } = await client.fetchAccountConfig(creds, { uidHint: creds.lastUid, signal: opts.signal, gate: opts.gate });
    record = recordFromSuccess(data, meta);
    config = data;
  } catch (e) {
    // Cancelled by our caller (a stopped job): nothing was learned about the key, so nothing is stored.
    if (opts.signal?.aborted) throw opts.signal.reason ?? e;
    record = recordFromError(e);
  }
  let discovery: { config: AccountConfig; prepared: PreparedDiscovery } | null = null;
  if (config && canDiscover(config)) {
    const result = await discoverSubAccountKeys(client, creds, config, { signal: opts.signal, gate: opts.gate, cache: opts.discoveryCache });
    let prepared: PreparedDiscovery;
    try {
      prepared = prepareDiscovery(result);
    } catch (e) {
      // The vault locked while OKX was answering: the check itself is still worth storing.
      prepared = { ok: false, code: "", message: toUserError(e).message };
    }
    discovery = { config, prepared };
  }
  return storeCheck(creds, record, opts.actor ?? "web", discovery);
}

async function storeCheck(
  creds: Pick<KeyCredentials, "id" | "label" | "region" | "demo" | "baseUrl">,
  record: CheckRecord,
  actor: Actor,
  discovery: { config: AccountConfig; prepared: PreparedDiscovery } | null,
): Promise<CheckDto> {
  try {
    const asked = { region: creds.region, demo: creds.demo, host: creds.baseUrl ?? null };
    const row = await writeCheck({ keyId: creds.id, label: creds.label, record, actor, discovery, asked });
    return toCheckDto(row);
  } catch (e) {
    // The key was deleted while OKX was answering.
    // (The Check row's foreign key refuses it: P2003; P2025 if a later step finds the key gone.)
    const code = (e as { code?: unknown })?.code;
    if (code === "P2003" || code === "P2025") throw new NotFoundError("This key");
    throw e;
  }
}
