import "server-only";
// Check one stored key: decrypt it in memory, ask OKX what it can do, store what OKX said (never the
// secret) and log the event.
//
// lastOkAt is only set on outcome "ok". A 50110 (ip_blocked) proves the key exists, but not that it
// works from anywhere we can see, so it updates lastCheckedAt only; lib/audit treats ip_blocked as
// "reached" for the dead-key rule. (50110 only happens on IP-bound keys, which OKX's 14-day deletion
// of unbound trade keys never applies to, so not counting it as "use" cannot start a false countdown.)
import type { Actor } from "@/lib/event-log/record";
import { NotFoundError } from "@/lib/errors/app-error";
import { loadKeyCredentials, type KeyCredentials } from "@/lib/keys/credentials";
import type { CallOptions, OkxClient } from "@/lib/okx/client";
import { DETECT_TRIGGER_CODES, detectEntity, type DetectionResult, type EntityTarget, type ProbeAnswer } from "@/lib/okx/entity-detection";
import { OkxError, unexpectedError } from "@/lib/okx/errors";
import { defaultOkxClient } from "@/lib/okx/default-client";
import type { Semaphore } from "@/lib/okx/semaphore";
import type { AccountConfig } from "@/lib/okx/types";
import { toUserError } from "@/lib/errors/to-user-message";
import { toCheckDto, type CheckDto } from "./check-dto";
import { writeCheck } from "./check-writer";
import { recordFromError, recordFromSuccess, type CheckRecord } from "./check-record";
import { canDiscover, discoverSubAccountKeys, type DiscoveryCache } from "@/lib/sub-accounts/discover-keys";
import { prepareDiscovery, type PreparedDiscovery } from "@/lib/sub-accounts/store-discovered-keys";
import type { EntityDetection } from "./detection-advice";
import { answeredHereBefore, recordDetection } from "./detection-log";

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

/** A check just made: the stored row, plus what entity detection concluded when it ran (not stored in the row). */
export interface KeyCheckResult extends CheckDto {
  detection: EntityDetection | null;
}

/** Checks a stored key and records the result. Throws VaultLockedError / NotFoundError before calling OKX. */
export async function checkKey(keyId: string, opts: CheckKeyOptions = {}): Promise<KeyCheckResult> {
  const creds = await loadKeyCredentials(keyId);
  return checkLoadedKey(creds, opts);
}

/**
 * The same, for credentials already opened (check-all loads them itself). When the key's own host answers 50119
 * or 50101, the other entities' hosts and the other environment are asked (lib/okx/entity-detection.ts) and the
 * answer of the host that knows the key is the one stored, with where it came from.
 */
export async function checkLoadedKey(creds: KeyCredentials, opts: CheckKeyOptions = {}): Promise<KeyCheckResult> {
  const client = opts.client ?? defaultOkxClient();
  const call = { uidHint: creds.lastUid, signal: opts.signal, gate: opts.gate };
  const stored: EntityTarget = { region: creds.region, demo: creds.demo, host: creds.baseUrl };
  let answer = await ask(client, creds, call, opts.signal);
  let target = stored;
  let detected: { trigger: string; result: DetectionResult } | null = null;
  if (!answer.ok && DETECT_TRIGGER_CODES.includes(answer.error.code)) {
    const trigger = answer.error.code;
    if (!(trigger === "50119" && (await answeredHereBefore(creds.id, stored)))) {
      const result = await detectEntity(client, creds, stored, trigger, call);
      detected = { trigger, result };
      if (result.result === "found") {
        answer = result.answer;
        target = result.target;
      }
    }
  }
  const record: CheckRecord = {
    ...(answer.ok ? recordFromSuccess(answer.config, answer.meta) : recordFromError(answer.error)),
    notFoundAnywhere: detected?.result.result === "not_found",
  };
  let discovery: { config: AccountConfig; prepared: PreparedDiscovery } | null = null;
  if (answer.ok && canDiscover(answer.config)) {
    const at = { ...creds, region: target.region, demo: target.demo, baseUrl: target.host };
    const result = await discoverSubAccountKeys(client, at, answer.config, { signal: opts.signal, gate: opts.gate, cache: opts.discoveryCache });
    let prepared: PreparedDiscovery;
    try {
      prepared = prepareDiscovery(result, creds.id);
    } catch (e) {
      // The vault locked while OKX was answering: the check itself is still worth storing.
      prepared = { ok: false, code: "", message: toUserError(e).message };
    }
    discovery = { config: answer.config, prepared };
  }
  const actor = opts.actor ?? "web";
  // The stored answer is the one of the host that knows the key, so the row says where it came from.
  const dto = await storeCheck({ id: creds.id, label: creds.label, region: target.region, demo: target.demo, baseUrl: target.host }, record, actor, discovery);
  const detection = detected ? await recordDetection(creds, stored, detected.trigger, detected.result, dto, actor) : null;
  return { ...dto, detection };
}

async function ask(client: OkxClient, creds: KeyCredentials, call: CallOptions, signal: AbortSignal | undefined): Promise<ProbeAnswer> {
  try {
    const { data, meta } = await client.getAccountConfigWithMeta(creds, call);
    return { ok: true, config: data, meta };
  } catch (e) {
    // Cancelled by our caller (a stopped job): nothing was learned about the key, so nothing is stored.
    if (signal?.aborted) throw signal.reason ?? e;
    return { ok: false, error: e instanceof OkxError ? e : unexpectedError() };
  }
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
