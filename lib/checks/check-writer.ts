import "server-only";
// Group commit for check results. Results that arrive while a commit is running are stored together by the next
// one, in a handful of multi-row statements (checks, key timestamps, discovered sub-account keys, audit events)
// instead of three to six statements per check. better-sqlite3 answers synchronously, so a transaction never
// yields to the event loop: 100 checks stored statement by statement would hold it for ~250 ms, with OKX's
// replies sitting unread and the rate limiter (which dates each request by when its reply was read) pacing the
// next window later.
// Batching costs no durability: a caller's promise resolves only after its commit, with synchronous=FULL.
import { auditEventData, type Actor, type AuditEventInput } from "@/lib/event-log/record";
import { db } from "@/lib/db/client";
import type { Check, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AccountConfig } from "@/lib/okx/types";
import type { CheckRecord } from "./check-record";
import { applyDiscoveries, type DiscoveryWrite, type PreparedDiscovery } from "@/lib/sub-accounts/store-discovered-keys";

export interface CheckWrite {
  keyId: string;
  /** The key's label, for the audit event. */
  label: string;
  record: CheckRecord;
  actor: Actor;
  /** What a master key's check learned about its sub-account keys, stored in the same transaction. */
  discovery?: { config: AccountConfig; prepared: PreparedDiscovery } | null;
  /** Where the request went; left out only by callers that asked no OKX host (the row then says null). */
  asked?: CheckOrigin;
}

/**
 * The entity, environment and key's own host (null = the region's preset) a check asked. Stored with the answer
 * because a 50119 only means "deleted" on a host that answered for the key before.
 */
export interface CheckOrigin {
  region: string;
  demo: boolean;
  host: string | null;
}

interface Job {
  write: CheckWrite;
  resolve: (row: Check) => void;
  reject: (reason: unknown) => void;
}

// Bounds one transaction's length and its statements' parameter count (about 20 per Check row).
const MAX_BATCH = 50;
const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

const queue: Job[] = [];
let draining = false;

/**
 * Stores a check: the Check row, the key's lastCheckedAt (and lastOkAt when it worked) and a "key.check" audit
 * event, in a transaction shared with other checks stored at the same moment. Resolves with the Check row.
 */
export function writeCheck(write: CheckWrite): Promise<Check> {
  return new Promise<Check>((resolve, reject) => {
    queue.push({ write, resolve, reject });
    if (!draining) void drain();
  });
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (queue.length > 0) {
      // One turn of the event loop first: replies that reached the socket meanwhile finish their way here
      // and join this batch (a single "Check now" waits for nothing).
      await new Promise((resolve) => setImmediate(resolve));
      await commit(queue.splice(0, MAX_BATCH));
    }
  } finally {
    draining = false;
  }
}

async function commit(batch: Job[]): Promise<void> {
  let prisma: PrismaClient;
  try {
    prisma = await db();
  } catch (e) {
    for (const job of batch) job.reject(e);
    return;
  }
  if (batch.length > 1) {
    try {
      const rows = await prisma.$transaction(
        (tx) =>
          store(
            tx,
            batch.map((j) => j.write),
          ),
        TX_OPTIONS,
      );
      batch.forEach((job, i) => job.resolve(rows[i]));
      return;
    } catch {
      // One write failed (e.g. its key was deleted meanwhile) and rolled the batch back: store each on its
      // own so the others are still stored and only the failing one sees its error.
    }
  }
  for (const job of batch) {
    try {
      const [row] = await prisma.$transaction((tx) => store(tx, [job.write]), TX_OPTIONS);
      job.resolve(row);
    } catch (e) {
      job.reject(e);
    }
  }
}

/** Writes the checks in order; returns their rows in the same order. */
async function store(tx: Prisma.TransactionClient, writes: CheckWrite[]): Promise<Check[]> {
  // One time for the whole batch: the rows, the keys' timestamps and the events agree to the millisecond.
  const at = new Date();
  // No pause between statements: the adapter has one connection, so any other query issued during a pause
  // would run inside this transaction (and be rolled back with it).
  const discoveries: DiscoveryWrite[] = [];
  for (const w of writes) {
    if (w.discovery) discoveries.push({ master: { id: w.keyId, label: w.label, config: w.discovery.config }, prepared: w.discovery.prepared, actor: w.actor });
  }
  const { summaries, events } = await applyDiscoveries(tx, discoveries, at);
  let next = 0;
  const created = await tx.check.createManyAndReturn({
    data: writes.map((w) => ({
      keyId: w.keyId,
      at,
      ...w.record,
      discovery: w.discovery ? JSON.stringify(summaries[next++]) : null,
      region: w.asked?.region ?? null,
      demo: w.asked?.demo ?? null,
      host: w.asked?.host ?? null,
    })),
  });
  // Autoincrement ids follow the order of the VALUES list; RETURNING itself promises no order.
  const rows = created.sort((a, b) => a.id - b.id);
  const okIds = writes.filter((w) => w.record.outcome === "ok").map((w) => w.keyId);
  const otherIds = writes.filter((w) => w.record.outcome !== "ok").map((w) => w.keyId);
  if (okIds.length) await tx.apiKey.updateMany({ where: { id: { in: okIds } }, data: { lastCheckedAt: at, lastOkAt: at } });
  if (otherIds.length) await tx.apiKey.updateMany({ where: { id: { in: otherIds } }, data: { lastCheckedAt: at } });
  const checkEvents = writes.map(({ keyId, label, actor, record }): AuditEventInput => ({
    action: "key.check",
    keyId,
    keyLabel: label,
    actor,
    detail: { outcome: record.outcome, code: record.code, uid: record.uid, perm: record.perm, latencyMs: record.latencyMs },
  }));
  await tx.auditEvent.createMany({ data: [...events, ...checkEvents].map(auditEventData) });
  return rows;
}
