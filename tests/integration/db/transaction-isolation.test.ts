// The Prisma better-sqlite3 adapter runs every query on one connection and only transactions take its lock.
// Without lib/db's guard, a plain write issued while another flow's transaction is open would run inside that
// transaction: committed with it, or silently rolled back with it. These tests hold a transaction open across an
// await (as any multi-statement write does) and prove the outside write waits and survives.
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";

const env = integrationEnv({ prefix: "kw-txiso-" });

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
// A Prisma query is lazy: it runs only once someone calls then() on it, as an awaiting flow would.
const start = <T>(query: PromiseLike<T>): Promise<T> => Promise.resolve(query);

async function prisma() {
  const { db } = await import("@/lib/db/client");
  return db();
}

function event(action: string) {
  return { data: { action, actor: "system", detail: "{}" } };
}

describe("a transaction on the shared connection", () => {
  it("does not take in a write issued outside it while it is open, so that write survives the rollback", async () => {
    const p = await prisma();
    let outside: Promise<unknown> | undefined;
    const tx = p.$transaction(async (t) => {
      await t.auditEvent.create(event("test.inside"));
      // Another flow writes while this transaction is open and waiting.
      outside = start(p.auditEvent.create(event("test.outside")));
      await pause(50);
      throw new Error("roll back");
    });
    await expect(tx).rejects.toThrow("roll back");
    await outside;
    expect(await p.auditEvent.count({ where: { action: "test.inside" } })).toBe(0);
    expect(await p.auditEvent.count({ where: { action: "test.outside" } })).toBe(1);
  });

  it("does not let a read outside it see rows it later rolls back", async () => {
    const p = await prisma();
    let seen: Promise<number> | undefined;
    const tx = p.$transaction(async (t) => {
      await t.auditEvent.create(event("test.pending"));
      seen = start(p.auditEvent.count({ where: { action: "test.pending" } }));
      await pause(20);
      throw new Error("roll back");
    });
    await expect(tx).rejects.toThrow("roll back");
    // The read waited for the transaction to end, so it never counted a row that was never committed.
    expect(await seen).toBe(0);
  });

  it("lets a backup (VACUUM INTO) issued meanwhile wait for the transaction instead of failing inside it", async () => {
    const p = await prisma();
    const target = path.join(env.dir, "during-tx.db");
    let backup: Promise<number> | undefined;
    await p.$transaction(async (t) => {
      await t.auditEvent.create(event("test.before-backup"));
      backup = start(p.$executeRawUnsafe(`VACUUM INTO '${target}'`));
      await pause(20);
    });
    await backup;
    const copy = new Database(target, { readonly: true });
    const row = copy.prepare("SELECT COUNT(*) AS n FROM AuditEvent WHERE action = 'test.before-backup'").get() as { n: number };
    copy.close();
    expect(row.n).toBe(1);
  });

  it("lets plain queries run freely when no transaction is open, and transactions follow each other", async () => {
    const p = await prisma();
    const writes = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? p.auditEvent.create(event("test.many")) : p.$transaction(async (t) => void (await t.auditEvent.create(event("test.many")))),
    );
    await Promise.all(writes);
    expect(await p.auditEvent.count({ where: { action: "test.many" } })).toBe(20);
  });
});
