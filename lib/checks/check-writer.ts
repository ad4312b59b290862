import "server-only";
// Group commit for check results. With synchronous=FULL every commit waits for an fsync (a few ms here), and
// better-sqlite3 waits synchronously, so committing 200 checks one by one would stall the event loop for
// about a second while OKX replies queue up unread. Instead, results that arrive while a commit is running
// are committed together in the next transaction: one fsync for many checks, no timer and no extra latency
// for a single "Check now". Durability is unchanged: a caller's promise resolves only after its commit.
import { db } from "@/lib/db/client";

type Prisma = Awaited<ReturnType<typeof db>>;
export type WriteTx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];

interface Job {
  run: (tx: WriteTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

// Bounds one transaction's length; Prisma's interactive transactions also time out (raised below).
const MAX_BATCH = 100;
const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

const queue: Job[] = [];
let draining = false;

/** Runs `run` inside a transaction shared with other checks stored at the same moment. */
export function writeCheck<T>(run: (tx: WriteTx) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
    if (!draining) void drain();
  });
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      await commit(batch);
    }
  } finally {
    draining = false;
  }
}

async function commit(batch: Job[]): Promise<void> {
  let prisma: Prisma;
  try {
    prisma = await db();
  } catch (e) {
    for (const job of batch) job.reject(e);
    return;
  }
  if (batch.length > 1) {
    try {
      const results: unknown[] = [];
      await prisma.$transaction(async (tx) => {
        // No pause between jobs: the adapter has one connection, so any other query issued during a pause
        // would run inside this transaction (and be rolled back with it).
        for (const job of batch) results.push(await job.run(tx));
      }, TX_OPTIONS);
      batch.forEach((job, i) => job.resolve(results[i]));
      return;
    } catch {
      // One job failed (e.g. its key was deleted meanwhile) and rolled the batch back: commit each on its
      // own so the others are still stored and only the failing one sees its error.
    }
  }
  for (const job of batch) {
    try {
      job.resolve(await prisma.$transaction((tx) => job.run(tx), TX_OPTIONS));
    } catch (e) {
      job.reject(e);
    }
  }
}
