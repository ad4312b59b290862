import "server-only";
// Check one stored key: decrypt it in memory, ask OKX what it can do, store what OKX said (never the
// secret) and log the event.
//
// lastOkAt is only set on outcome "ok". A 50110 (ip_blocked) proves the key exists, but not that it
// works from anywhere we can see, so it updates lastCheckedAt only; lib/audit treats ip_blocked as
// "reached" for the dead-key rule. (50110 only happens on IP-bound keys, which OKX's 14-day deletion
// of unbound trade keys never applies to, so not counting it as "use" cannot start a false countdown.)
import { recordEvent, type Actor } from "@/lib/audit-log/record";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors/app-error";
import { loadKeyCredentials, type KeyCredentials } from "@/lib/keys/credentials";
import type { OkxClient } from "@/lib/okx/client";
import { defaultOkxClient } from "@/lib/okx/default-client";
import type { Semaphore } from "@/lib/okx/semaphore";
import { toCheckDto, type CheckDto } from "./check-dto";
import { recordFromError, recordFromSuccess, type CheckRecord } from "./check-record";

export interface CheckKeyOptions {
  actor?: Actor;
  /** Defaults to the process-wide client, whose rate limiter every check shares. */
  client?: OkxClient;
  signal?: AbortSignal;
  /** Caps requests in flight (check-all). */
  gate?: Semaphore;
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
  try {
    const { data, meta } = await client.fetchAccountConfig(creds, { uidHint: creds.lastUid, signal: opts.signal, gate: opts.gate });
    record = recordFromSuccess(data, meta);
  } catch (e) {
    // Cancelled by our caller (a stopped job): nothing was learned about the key, so nothing is stored.
    if (opts.signal?.aborted) throw opts.signal.reason ?? e;
    record = recordFromError(e);
  }
  return storeCheck(creds, record, opts.actor ?? "web");
}

async function storeCheck(creds: Pick<KeyCredentials, "id" | "label">, record: CheckRecord, actor: Actor): Promise<CheckDto> {
  const prisma = await db();
  const at = new Date();
  try {
    const row = await prisma.$transaction(async (tx) => {
      const check = await tx.check.create({ data: { keyId: creds.id, at, ...record } });
      await tx.apiKey.update({
        where: { id: creds.id },
        data: { lastCheckedAt: at, ...(record.outcome === "ok" ? { lastOkAt: at } : {}) },
      });
      await recordEvent(
        {
          action: "key.check",
          keyId: creds.id,
          keyLabel: creds.label,
          actor,
          detail: { outcome: record.outcome, code: record.code, uid: record.uid, perm: record.perm, latencyMs: record.latencyMs },
        },
        tx,
      );
      return check;
    });
    return toCheckDto(row);
  } catch (e) {
    // The key was deleted while OKX was answering.
    if ((e as { code?: unknown })?.code === "P2025") throw new NotFoundError("This key");
    throw e;
  }
}
