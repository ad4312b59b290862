// lib/checks end to end: real SQLite file, real vault, real HTTP to the OKX simulator.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fastClient, integrationEnv, storeCredentials } from "../../support/integration-env";
import type { OkxSim } from "../../okx-sim";
import { CALLER_IP, addSimAccount, addSimKey } from "../okx/sim-fixtures";
import type { OkxCredentials } from "@/lib/okx/types";

const MASTER = "copper-violin-tundra-57";
const env = integrationEnv({ prefix: "kw-checks-", sim: { callerIp: CALLER_IP }, vault: MASTER, client: fastClient });
let sim: OkxSim;
let checks: typeof import("@/lib/checks");
let keys: typeof import("@/lib/keys/key-store");
let vault: typeof import("@/lib/vault/vault");
let dbmod: typeof import("@/lib/db/client");
let okx: typeof import("@/lib/okx");
const secrets: string[] = [];

beforeAll(async () => {
  sim = env.sim;
  dbmod = await import("@/lib/db/client");
  vault = await import("@/lib/vault/vault");
  keys = await import("@/lib/keys/key-store");
  checks = await import("@/lib/checks");
  okx = await import("@/lib/okx");
});

let n = 0;
async function store(creds: OkxCredentials, label = `key ${++n}`): Promise<string> {
  secrets.push(creds.secretKey, creds.passphrase);
  return storeCredentials(creds, { label });
}

async function keyRow(id: string) {
  return (await dbmod.db()).apiKey.findUniqueOrThrow({ where: { id }, select: { lastCheckedAt: true, lastOkAt: true } });
}

describe("checkKey", () => {
  it("stores OKX's answer, updates the key and logs the check", async () => {
    const creds = addSimKey(sim, { uid: "1100", perm: "read_only,trade", ip: [CALLER_IP], label: "okx label" });
    const id = await store(creds);
    const dto = await checks.checkKey(id);
    expect(dto).toMatchObject({
      keyId: id,
      outcome: "ok",
      code: "0",
      perm: ["read_only", "trade"],
      permRaw: "read_only,trade",
      ip: [CALLER_IP],
      uid: "1100",
      mainUid: "1100",
      label: "okx label",
      acctLv: "2",
    });
    expect(dto.at).toBeInstanceOf(Date);
    expect(typeof dto.skewMs).toBe("number");
    const key = await keyRow(id);
    expect(key.lastCheckedAt?.getTime()).toBe(dto.at.getTime());
    expect(key.lastOkAt?.getTime()).toBe(dto.at.getTime());
    const event = await (await dbmod.db()).auditEvent.findFirstOrThrow({ where: { action: "key.check", keyId: id } });
    expect(JSON.parse(event.detail)).toMatchObject({ outcome: "ok", code: "0", uid: "1100" });
  });

  it("records the entity, environment and own host each check asked, whatever OKX answered", async () => {
    const creds = addSimKey(sim, { uid: "1107" });
    const id = await store(creds);
    expect(await checks.checkKey(id)).toMatchObject({ outcome: "ok", region: "global", demo: false, host: null });
    const prisma = await dbmod.db();
    await prisma.apiKey.update({ where: { id }, data: { region: "eea", demo: true, host: "https://us.okx.com" } });
    // Only EEA can be asked, so entity detection (which would find the key on global and store that answer) concludes
    // nothing and the stored row is the asked host's answer.
    const onlyEea = new okx.OkxClient({
      env: { OKX_API_BASE_URL: `global=http://127.0.0.1:9,eea=${sim.urls.eea},us=http://127.0.0.1:9` },
      backoffBaseMs: 1,
      timeoutMs: 500,
    });
    const moved = await checks.checkKey(id, { client: onlyEea });
    expect(moved.outcome).not.toBe("ok");
    expect(moved).toMatchObject({ region: "eea", demo: true, host: "https://us.okx.com" });
    const rows = await prisma.check.findMany({ where: { keyId: id }, orderBy: { id: "asc" }, select: { region: true, demo: true, host: true } });
    expect(rows).toEqual([
      { region: "global", demo: false, host: null },
      { region: "eea", demo: true, host: "https://us.okx.com" },
    ]);
  });

  it("uses the uid of the last check as the rate-limit hint", async () => {
    const creds = addSimKey(sim, { uid: "1101" });
    const id = await store(creds);
    const { loadKeyCredentials } = await import("@/lib/keys/credentials");
    expect((await loadKeyCredentials(id)).lastUid).toBeNull();
    await checks.checkKey(id);
    expect((await loadKeyCredentials(id)).lastUid).toBe("1101");
  });

  it("records an auth error without touching lastOkAt", async () => {
    const creds = addSimKey(sim, { uid: "1102" });
    const id = await store({ ...creds, passphrase: "Wrong-passphrase-1" });
    const dto = await checks.checkKey(id);
    expect(dto).toMatchObject({ outcome: "auth_error", code: "50105", perm: null, uid: null });
    expect(dto.message).toMatch(/PASSPHRASE/i);
    const key = await keyRow(id);
    expect(key.lastCheckedAt).not.toBeNull();
    expect(key.lastOkAt).toBeNull();
  });

  it("50110: ip_blocked, lastCheckedAt set, lastOkAt not", async () => {
    const creds = addSimKey(sim, { uid: "1103", perm: "read_only,trade", ip: ["198.51.100.7"] });
    const id = await store(creds);
    const dto = await checks.checkKey(id);
    expect(dto).toMatchObject({ outcome: "ip_blocked", code: "50110" });
    const key = await keyRow(id);
    expect(key.lastCheckedAt).not.toBeNull();
    expect(key.lastOkAt).toBeNull();
  });

  it("a 14-day-expired key is recorded as auth_error 50119 (OKX: the key does not exist)", async () => {
    const creds = addSimKey(sim, { uid: "1104", perm: "read_only,trade", createdDaysAgo: 20, lastUsedDaysAgo: 15 });
    const id = await store(creds);
    expect(await checks.checkKey(id)).toMatchObject({ outcome: "auth_error", code: "50119", region: "global", demo: false });
  });

  it('a network failure is recorded with code ""', async () => {
    const creds = addSimKey(sim, { uid: "1105" });
    const id = await store(creds);
    const client = new okx.OkxClient({ env: { OKX_API_BASE_URL: "http://127.0.0.1:9" }, backoffBaseMs: 1, timeoutMs: 500 });
    const dto = await checks.checkKey(id, { client });
    expect(dto).toMatchObject({ outcome: "network_error", code: "" });
    expect(dto.message).toMatch(/Could not reach OKX/);
  });

  it("refuses to run while the vault is locked, storing nothing", async () => {
    const creds = addSimKey(sim, { uid: "1106" });
    const id = await store(creds);
    await vault.lockVault();
    try {
      await expect(checks.checkKey(id)).rejects.toMatchObject({ code: "locked" });
      await expect(checks.checkAll({ keyIds: [id] })).rejects.toMatchObject({ code: "locked" });
    } finally {
      await vault.unlockVault(MASTER);
    }
    expect(await (await dbmod.db()).check.count({ where: { keyId: id } })).toBe(0);
  });
});

describe("checkAll and jobs", () => {
  it("checks many keys with progress, paced per UID, and a second run causes no 50011", async () => {
    addSimAccount(sim, { uid: "1200", subAccounts: [{ subAcct: "s1", uid: "1201" }] });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await store(addSimKey(sim, { uid: "1200" })));
    for (let i = 0; i < 4; i++) ids.push(await store(addSimKey(sim, { uid: "1201", subAcct: "s1" })));
    ids.push(await store({ ...addSimKey(sim, { uid: "1202" }), secretKey: "WRONGSECRET" }));
    const progress: { done: number; total: number; ok: number; failed: number }[] = [];
    const first = await checks.checkAll({ keyIds: ids, onProgress: (p) => progress.push(p) });
    expect(first).toMatchObject({ total: 13, ok: 12, failed: 1 });
    expect(first.byOutcome.auth_error).toBe(1);
    expect(progress[0]).toMatchObject({ done: 0, total: 13 });
    expect(progress.at(-1)).toMatchObject({ done: 13, total: 13, ok: 12, failed: 1 });
    expect(progress.map((p) => p.done)).toEqual([...Array(14).keys()]);

    const before = sim.countCode("50011");
    const started = Date.now();
    const second = await checks.checkAll({ keyIds: ids });
    expect(second.ok).toBe(12);
    expect(sim.countCode("50011")).toBe(before);
    // 8 keys of uid 1200 need two windows: paced, not instant.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(await (await dbmod.db()).auditEvent.count({ where: { action: "key.check_all" } })).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("skips keys that vanished, without failing the run", async () => {
    const id = await store(addSimKey(sim, { uid: "1300" }));
    const summary = await checks.checkAll({ keyIds: [id, "no-such-key"] });
    expect(summary.byOutcome.skipped).toBe(1);
    expect(summary.results.find((r) => r.keyId === "no-such-key")).toMatchObject({ outcome: "skipped", reason: expect.stringMatching(/not found/) });
  });

  it("runs as a job the UI can poll; a second start joins the running job", async () => {
    const ids = [await store(addSimKey(sim, { uid: "1400" })), await store(addSimKey(sim, { uid: "1401" }))];
    const jobId = checks.startCheckAllJob(ids);
    expect(checks.startCheckAllJob(ids)).toBe(jobId);
    expect(checks.getJob(jobId)?.finished).toBe(false);
    let job = checks.getJob(jobId);
    for (let i = 0; i < 200 && !job?.finished; i++) {
      await new Promise((r) => setTimeout(r, 25));
      job = checks.getJob(jobId);
    }
    expect(job).toMatchObject({ id: jobId, done: 2, total: 2, ok: 2, failed: 0, finished: true });
    expect(job?.error).toBeUndefined();
    // Finished, it no longer takes new starts: the next one is a job of its own.
    const next = checks.startCheckAllJob(ids);
    expect(next).not.toBe(jobId);
    for (let i = 0; i < 200 && !checks.getJob(next)?.finished; i++) await new Promise((r) => setTimeout(r, 25));
    expect(checks.getJob(next)).toMatchObject({ finished: true, ok: 2 });
    expect(checks.getJob("nope")).toBeNull();
  });

  it("a key deleted from Keywarden during a run is skipped; the run goes on", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await store(addSimKey(sim, { uid: "1700" }), `deleted-during-run ${i}`));
    await checks.checkAll({ keyIds: ids.slice(0, 1) });
    await new Promise((r) => setTimeout(r, 2200));
    let deleted = false;
    const summary = await checks.checkAll({
      keyIds: ids,
      onProgress: (p) => {
        // The 6th and 7th keys wait for OKX's next window: delete the last one meanwhile.
        if (p.done >= 1 && !deleted) {
          deleted = true;
          void keys.deleteKey(ids[6], "deleted-during-run 6");
        }
      },
    });
    expect(summary).toMatchObject({ total: 7, ok: 6 });
    expect(summary.results.find((r) => r.keyId === ids[6])).toMatchObject({ outcome: "skipped", reason: expect.stringMatching(/not found/i) });
  }, 30_000);

  it("a Lock during a run stops the keys still waiting on OKX's limit; finished checks stay stored", async () => {
    // 12 keys of one UID: 5 per 2 s, so the last ones wait about 4 s; the first run learns the UID.
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await store(addSimKey(sim, { uid: "1600" })));
    await checks.checkAll({ keyIds: ids.slice(0, 1) });
    await new Promise((r) => setTimeout(r, 2200));
    const db = await dbmod.db();
    const before = await db.check.count({ where: { keyId: { in: ids } } });
    let locked = false;
    try {
      await expect(
        checks.checkAll({
          keyIds: ids,
          onProgress: (p) => {
            if (p.done >= 3 && !locked) {
              locked = true;
              void vault.lockVault();
            }
          },
        }),
      ).rejects.toMatchObject({ code: "locked" });
    } finally {
      await vault.unlockVault(MASTER);
    }
    const stored = (await db.check.count({ where: { keyId: { in: ids } } })) - before;
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(stored).toBeLessThan(ids.length);
  }, 30_000);

  it("a job reports a locked vault as a plain message", async () => {
    const id = await store(addSimKey(sim, { uid: "1500" }));
    await vault.lockVault();
    try {
      const jobId = checks.startCheckAllJob([id]);
      let job = checks.getJob(jobId);
      for (let i = 0; i < 200 && !job?.finished; i++) {
        await new Promise((r) => setTimeout(r, 25));
        job = checks.getJob(jobId);
      }
      expect(job?.error).toMatch(/vault is locked/);
    } finally {
      await vault.unlockVault(MASTER);
    }
  });
});

describe("secrets", () => {
  it("never appear in Check rows, audit events or the database file", async () => {
    const prisma = await dbmod.db();
    const rows = JSON.stringify([await prisma.check.findMany(), await prisma.auditEvent.findMany()]);
    await prisma.$executeRawUnsafe("PRAGMA wal_checkpoint(FULL)");
    const file = fs.readFileSync(path.join(env.dir, "keywarden.db")).toString("latin1");
    expect(secrets.length).toBeGreaterThan(10);
    for (const s of secrets) {
      expect(rows).not.toContain(s);
      expect(file).not.toContain(s);
    }
  });
});
