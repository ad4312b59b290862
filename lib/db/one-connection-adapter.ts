import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma's better-sqlite3 adapter runs every query on its single connection, and only transactions take its
// lock: a plain query issued while another flow's interactive transaction is open (between BEGIN and COMMIT, e.g.
// while it awaits its next statement) runs *inside* that transaction. A write would then be committed with it or
// silently rolled back with it, and a read would see its uncommitted rows. This wrapper puts plain queries behind
// the same kind of lock, so they wait for an open transaction to end and transactions wait for each other.
// It also keeps VACUUM INTO (backups) from running inside someone's transaction, where SQLite refuses it.
// tests/integration/db/transaction-isolation.test.ts shows the write that would otherwise be lost.
// The cost: code inside a transaction must use the transaction client, never the global one (it would wait
// for itself until the transaction times out). Every `$transaction` in lib/ does so.

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/** First come, first served; holders release exactly once. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => once(release));
    this.tail = this.tail.then(() => held);
    return ready;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}

function guard(inner: Adapter): Adapter {
  const lock = new Lock();
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => lock.run(() => inner.queryRaw(q)),
    executeRaw: (q) => lock.run(() => inner.executeRaw(q)),
    executeScript: (s) => lock.run(() => inner.executeScript(s)),
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: () => inner.dispose(),
    async startTransaction(isolationLevel) {
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return inner.startTransaction(isolationLevel);
      const release = await lock.acquire();
      try {
        // IMMEDIATE takes SQLite's write lock up front, so busy_timeout applies: a deferred BEGIN that reads first
        // and then writes cannot wait for another process's writer and fails at once with SQLITE_BUSY.
        await inner.executeRaw(statement("BEGIN IMMEDIATE"));
      } catch (e) {
        release();
        throw e;
      }
      let open = true;
      // The transaction is ours (not the inner adapter's): Prisma sends COMMIT itself and only then releases the
      // inner adapter's lock, so a COMMIT that fails (SQLITE_FULL on a full disk) left both locks held and SQLite's
      // transaction open — every later query waited for good. Here the end of a transaction always releases,
      // and a failed COMMIT is rolled back so the connection is usable again once the cause is gone.
      const end = async (sql: "COMMIT" | "ROLLBACK") => {
        if (!open) return;
        open = false;
        try {
          await inner.executeRaw(statement(sql));
        } catch (e) {
          if (sql === "COMMIT" || inTransaction(inner)) {
            await inner.executeRaw(statement("ROLLBACK")).catch(() => undefined);
          }
          // An error that already rolled SQLite back (e.g. SQLITE_FULL mid-statement) leaves nothing to roll back.
          if (sql === "COMMIT") throw e;
        } finally {
          release();
        }
      };
      return {
        provider: inner.provider,
        adapterName: inner.adapterName,
        options: { usePhantomQuery: true },
        queryRaw: (q) => (open ? inner.queryRaw(q) : Promise.reject(new Error("transaction already closed"))),
        executeRaw: (q) => (open ? inner.executeRaw(q) : Promise.reject(new Error("transaction already closed"))),
        commit: () => end("COMMIT"),
        rollback: () => end("ROLLBACK"),
      };
    },
  };
}

function statement(sql: string) {
  return { sql, args: [], argTypes: [] };
}

/** better-sqlite3's own view of the connection (the adapter keeps the Database as `client`). */
function inTransaction(inner: Adapter): boolean {
  const client = (inner as unknown as { client?: { inTransaction?: boolean } }).client;
  return client?.inTransaction ?? true;
}

/** The better-sqlite3 adapter factory with plain queries kept out of open transactions. */
export function oneConnectionAdapter(...args: ConstructorParameters<typeof PrismaBetterSQLite3>) {
  const factory = new PrismaBetterSQLite3(...args);
  return {
    provider: "sqlite" as const,
    adapterName: factory.adapterName,
    connect: async () => guard(await factory.connect()),
    connectToShadowDb: async () => guard(await factory.connectToShadowDb()),
  };
}
