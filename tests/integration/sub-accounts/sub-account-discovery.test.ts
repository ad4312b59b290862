// A master-key check discovers the account's sub-account keys: real SQLite file, real vault, real HTTP to the
// OKX simulator. Stored sub-account keys get linked (sub-account, master key, OKX's creation time), the others
// are listed as "not in Keywarden", a failing discovery leaves the check ok, and no secret lands anywhere.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fastClient, integrationEnv, storeCredentials } from "../../support/integration-env";
import type { OkxSim } from "../../okx-sim";
import { CALLER_IP, addSimAccount, addSimKey } from "../okx/sim-fixtures";
import type { OkxCredentials } from "@/lib/okx/types";

const MASTER = "copper-violin-tundra-57";
const env = integrationEnv({ prefix: "kw-discovery-", sim: { callerIp: CALLER_IP }, vault: MASTER, client: fastClient });
let sim: OkxSim;
let checks: typeof import("@/lib/checks");
let keys: typeof import("@/lib/keys/key-store");
let dbmod: typeof import("@/lib/db/client");
let okx: typeof import("@/lib/okx");
let discovered: typeof import("@/lib/sub-accounts/list-discovered-keys");
let advice: typeof import("@/lib/checks/check-advice");
const secrets: string[] = [];
const publicKeysNotStored: string[] = [];

beforeAll(async () => {
  sim = env.sim;
  dbmod = await import("@/lib/db/client");
  keys = await import("@/lib/keys/key-store");
  checks = await import("@/lib/checks");
  okx = await import("@/lib/okx");
  discovered = await import("@/lib/sub-accounts/list-discovered-keys");
  advice = await import("@/lib/checks/check-advice");
});

let n = 0;
async function store(creds: OkxCredentials, opts: { label?: string; purpose?: "read" | "trade" } = {}): Promise<string> {
  secrets.push(creds.secretKey, creds.passphrase);
  return storeCredentials(creds, { label: opts.label ?? `key ${++n}`, purpose: opts.purpose });
}

/** A master account with two sub-accounts: one sub key stored by hand, two forgotten ones. */
function fleet(uid: number) {
  const subA = `alpha-${uid}`;
  const subB = `beta-${uid}`;
  addSimAccount(sim, {
    uid: String(uid),
    subAccounts: [
      { subAcct: subA, uid: String(uid + 1), createdDaysAgo: 300 },
      { subAcct: subB, uid: String(uid + 2), createdDaysAgo: 200 },
    ],
  });
  const master = addSimKey(sim, { uid: String(uid), perm: "read_only,trade", ip: [CALLER_IP], label: "manager" });
  const stored = addSimKey(sim, { uid: String(uid + 1), subAcct: subA, perm: "read_only,trade", ip: [CALLER_IP], label: "grid", createdDaysAgo: 123 });
  const forgotA = addSimKey(sim, { uid: String(uid + 1), subAcct: subA, perm: "read_only", label: "old tracker", createdDaysAgo: 400 });
  const forgotB = addSimKey(sim, { uid: String(uid + 2), subAcct: subB, perm: "read_only,trade", ip: ["198.51.100.7"], label: "vps bot", createdDaysAgo: 50 });
  for (const k of [forgotA, forgotB]) secrets.push(k.secretKey, k.passphrase);
  publicKeysNotStored.push(forgotA.apiKey, forgotB.apiKey);
  return { subA, subB, master, stored, forgotA, forgotB };
}

async function row(id: string) {
  return (await dbmod.db()).apiKey.findUniqueOrThrow({ where: { id }, select: { subAcct: true, parentKeyId: true, createdOn: true, createdOnSource: true } });
}

async function events(action: string, keyId: string) {
  return (await dbmod.db()).auditEvent.findMany({ where: { action, keyId }, orderBy: { id: "asc" } });
}

describe("sub-account discovery on a master-key check", () => {
  it("links the stored sub-account key, lists the others, stores the account type", async () => {
    const f = fleet(3000);
    const masterId = await store(f.master, { label: "Rotation manager" });
    const subId = await store(f.stored, { label: "Grid bot (added by hand)" });
    expect(await row(subId)).toMatchObject({ subAcct: null, parentKeyId: null, createdOnSource: "user" });

    const dto = await checks.checkKey(masterId);
    expect(dto).toMatchObject({ outcome: "ok", uid: "3000", mainUid: "3000", acctType: "0" });
    expect(dto.discovery).toEqual({ ok: true, subAccounts: 2, keys: 3, linked: 1 });

    const linked = await row(subId);
    expect(linked).toMatchObject({ subAcct: f.subA, parentKeyId: masterId, createdOnSource: "okx" });
    // OKX's real creation time, to the millisecond, not the date the user typed.
    expect(linked.createdOn.getTime()).toBe(sim.getKey(f.stored.apiKey)!.createdAt);
    const [link] = await events("key.sub_account_link", subId);
    expect(JSON.parse(link.detail)).toMatchObject({
      changed: ["subAcct", "parentKeyId", "createdOn"],
      subAcct: f.subA,
      parentKeyId: masterId,
      previousCreatedOnSource: "user",
    });

    const unstored = await discovered.listUnstoredSubKeys(masterId);
    expect(unstored.map((k) => k.label).sort()).toEqual(["old tracker", "vps bot"]);
    const vps = unstored.find((k) => k.label === "vps bot")!;
    expect(vps).toMatchObject({
      subAcct: f.subB,
      perm: ["read_only", "trade"],
      ip: ["198.51.100.7"],
      fingerprint: (await import("@/lib/keys/fingerprint")).fingerprint(f.forgotB.apiKey),
    });
    expect(vps.createdAt.getTime()).toBe(sim.getKey(f.forgotB.apiKey)!.createdAt);
    expect(await discovered.listLinkedSubKeys(masterId)).toEqual([{ id: subId, label: "Grid bot (added by hand)", subAcct: f.subA }]);
    expect(advice.describeDiscovery(dto.discovery!)).toBe("Found 3 keys in 2 sub-accounts: 1 in Keywarden, 2 not in Keywarden.");

    // A second check changes nothing, so it logs no new link.
    await checks.checkKey(masterId);
    expect(await events("key.sub_account_link", subId)).toHaveLength(1);

    // Adding a forgotten key to the vault takes it off the list at once (matched by digest, not by a stale flag).
    await store(f.forgotA, { label: "Old tracker", purpose: "read" });
    expect((await discovered.listUnstoredSubKeys(masterId)).map((k) => k.label)).toEqual(["vps bot"]);
  });

  it("audits a stored sub-account key bound to its bot's server (50110 here) from the master's listing: withdraw is found", async () => {
    const uid = 3700;
    addSimAccount(sim, { uid: String(uid), subAccounts: [{ subAcct: `far-${uid}`, uid: String(uid + 1) }] });
    const master = addSimKey(sim, { uid: String(uid), perm: "read_only,trade", ip: [CALLER_IP] });
    const far = addSimKey(sim, { uid: String(uid + 1), subAcct: `far-${uid}`, perm: "read_only,withdraw", ip: ["198.51.100.7"] });
    secrets.push(far.secretKey, far.passphrase);
    const masterId = await store(master, { label: `far master ${uid}` });
    const farId = await store(far, { label: `far tracker ${uid}`, purpose: "read" });
    expect((await checks.checkKey(farId)).code).toBe("50110");
    await checks.checkKey(masterId); // discovers and links the far key
    const { loadVaultReport } = await import("@/lib/reports/vault-report");
    const entry = (await loadVaultReport({ now: new Date() })).keys.find((k) => k.key.id === farId)!;
    const withdraw = entry.audit.findings.find((f) => f.rule === "withdraw");
    expect(withdraw).toMatchObject({ severity: "critical" });
    expect(withdraw!.evidence.detail).toMatch(/Master key's sub-account listing/);
  });

  it("makes a hand-added sub-account key rotatable automatically", async () => {
    const f = fleet(3100);
    const masterId = await store(f.master);
    const subId = await store(f.stored);
    const rotation = await import("@/lib/rotation/start-rotation");
    expect(rotation.preferredMode(await keys.getKey(subId))).toBe("guided");
    await checks.checkKey(masterId);
    const key = await keys.getKey(subId);
    expect(rotation.preferredMode(key)).toBe("automated");
    // The master is trade-enabled and IP-bound: nothing blocks automated rotation.
    expect(await rotation.automatedBlocker(key)).toBeNull();
  });

  it("does not move a link between master keys of one account on every run", async () => {
    const f = fleet(3200);
    const manager = await store(f.master);
    // A second master key of the same account that cannot manage sub-account keys (read-only, unbound).
    const reader = await store(addSimKey(sim, { uid: "3200", perm: "read_only", label: "reader" }));
    const subId = await store(f.stored);
    await checks.checkKey(manager);
    await checks.checkKey(reader);
    expect((await row(subId)).parentKeyId).toBe(manager);
    // check-all: both masters in one run discover once, share the result and still agree on the manager.
    sim.resetCalls();
    const summary = await checks.checkAll({ keyIds: [manager, reader, subId] });
    expect(summary.ok).toBe(3);
    expect(sim.calls.filter((c) => c.path.startsWith("/api/v5/users/subaccount/list"))).toHaveLength(1);
    expect(sim.countCode("50011")).toBe(0);
    expect((await row(subId)).parentKeyId).toBe(manager);
  });

  it("a failed discovery is recorded softly: the check stays ok and the last list is kept", async () => {
    const f = fleet(3300);
    const masterId = await store(f.master);
    await checks.checkKey(masterId);
    // None of the three sub-account keys is stored here.
    expect(await discovered.listUnstoredSubKeys(masterId)).toHaveLength(3);

    // OKX refuses the sub-account calls (as for a key without the right); account/config still works.
    const refusing = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).includes("/users/subaccount/")) {
        return new Response(JSON.stringify({ code: "50120", msg: "API key doesn't have permission", data: [] }), { status: 401 });
      }
      return fetch(input, init);
    }) as typeof fetch;
    const client = new okx.OkxClient({ env: { OKX_API_BASE_URL: sim.baseUrlEnv }, fetch: refusing, backoffBaseMs: 1, timeoutMs: 1500 });
    const dto = await checks.checkKey(masterId, { client });
    expect(dto.outcome).toBe("ok");
    expect(dto.discovery).toEqual({ ok: false, code: "50120", message: "API key doesn't have permission" });
    expect(advice.describeDiscovery(dto.discovery!)).toMatch(
      /^Sub-account keys could not be listed \(50120: API key doesn't have permission\) The key lacks the permission/,
    );
    expect(await discovered.listUnstoredSubKeys(masterId)).toHaveLength(3);
    const failed = (await events("key.discover_sub_accounts", masterId)).at(-1)!;
    expect(JSON.parse(failed.detail)).toEqual({ ok: false, code: "50120" });
    const key = await (await dbmod.db()).apiKey.findUniqueOrThrow({ where: { id: masterId }, select: { lastOkAt: true } });
    expect(key.lastOkAt?.getTime()).toBe(dto.at.getTime());

    // Unreachable mid-discovery (network): also soft, with our advice as the message.
    const dropping = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).includes("/users/subaccount/")) throw new TypeError("fetch failed");
      return fetch(input, init);
    }) as typeof fetch;
    const offline = new okx.OkxClient({ env: { OKX_API_BASE_URL: sim.baseUrlEnv }, fetch: dropping, backoffBaseMs: 1, timeoutMs: 1500 });
    const dto2 = await checks.checkKey(masterId, { client: offline });
    expect(dto2.outcome).toBe("ok");
    expect(dto2.discovery).toMatchObject({ ok: false, code: "", message: expect.stringMatching(/Could not reach OKX/) });
  });

  it("sub-account keys and failed checks do not discover", async () => {
    const f = fleet(3400);
    const subId = await store(f.stored);
    sim.resetCalls();
    const dto = await checks.checkKey(subId);
    expect(dto).toMatchObject({ outcome: "ok", acctType: "1", discovery: null });
    expect(sim.calls.some((c) => c.path.includes("/users/subaccount/"))).toBe(false);
    const bad = await store({ ...addSimKey(sim, { uid: "3400" }), passphrase: "Wrong-passphrase-1" });
    expect(await checks.checkKey(bad)).toMatchObject({ outcome: "auth_error", acctType: null, discovery: null });
  });
});

describe("what the key page shows about a check", () => {
  it("OKX's code and message with the plain advice for that code", async () => {
    const id = await store({ ...addSimKey(sim, { uid: "3500" }), passphrase: "Wrong-passphrase-2" });
    const dto = await checks.checkKey(id);
    const shown = advice.explainCheck(dto);
    expect(shown.answer).toMatch(/^50105: .*passphrase/i);
    expect(shown.advice).toBe(okx.OKX_ERROR_CODES["50105"].advice);
  });

  it("the measured clock skew when it matters, and not when it does not", async () => {
    const id = await store(addSimKey(sim, { uid: "3600" }));
    const client = new okx.OkxClient({ env: { OKX_API_BASE_URL: sim.baseUrlEnv }, backoffBaseMs: 1, timeoutMs: 1500 });
    expect(advice.explainCheck(await checks.checkKey(id, { client })).skew).toBeNull();
    sim.clock.skewMs = 40_000;
    try {
      const skewed = new okx.OkxClient({ env: { OKX_API_BASE_URL: sim.baseUrlEnv }, backoffBaseMs: 1, timeoutMs: 1500 });
      const dto = await checks.checkKey(id, { client: skewed });
      expect(dto.outcome).toBe("ok");
      expect(dto.skewMs).toBeGreaterThan(39_000);
      expect(advice.explainCheck(dto).skew).toMatch(/clock is 40 s behind OKX/);
    } finally {
      sim.clock.skewMs = 0;
    }
  });
});

describe("secrets", () => {
  it("never appear in Check rows, discovered keys, audit events or the database file", async () => {
    const prisma = await dbmod.db();
    const rows = JSON.stringify([await prisma.check.findMany(), await prisma.discoveredSubKey.findMany(), await prisma.auditEvent.findMany()]);
    await prisma.$executeRawUnsafe("PRAGMA wal_checkpoint(FULL)");
    const file = fs.readFileSync(path.join(env.dir, "keywarden.db")).toString("latin1");
    expect(secrets.length).toBeGreaterThan(10);
    // The public keys of sub-account keys Keywarden does not store are not kept in clear either.
    for (const s of [...secrets, ...publicKeysNotStored]) {
      expect(rows).not.toContain(s);
      expect(file).not.toContain(s);
    }
  });
});
