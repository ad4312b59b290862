// Unmanaged keys (listed by a stored master key, not stored): real SQLite file, real vault, real HTTP to the OKX
// simulator. Audited from the listing alone; adopted only when OKX answers for the given secret; deleted on OKX
// through the master key and verified gone; an OKX refusal changes nothing locally.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fastClient, integrationEnv, storeCredentials } from "../../support/integration-env";
import type { OkxSim } from "../../okx-sim";
import { CALLER_IP, addSimAccount, addSimKey } from "../okx/sim-fixtures";
import type { OkxCredentials } from "@/lib/okx/types";

const MASTER = "copper-violin-tundra-57";
const env = integrationEnv({ prefix: "kw-unmanaged-", sim: { callerIp: CALLER_IP }, vault: MASTER, client: fastClient });
let sim: OkxSim;
let checks: typeof import("@/lib/checks");
let dbmod: typeof import("@/lib/db/client");
let okx: typeof import("@/lib/okx");
let report: typeof import("@/lib/reports/vault-report");
let adopt: typeof import("@/lib/unmanaged/adopt-key");
let del: typeof import("@/lib/unmanaged/delete-on-okx");
let errors: typeof import("@/lib/errors/to-user-message");
const secrets: string[] = [];

beforeAll(async () => {
  sim = env.sim;
  dbmod = await import("@/lib/db/client");
  checks = await import("@/lib/checks");
  okx = await import("@/lib/okx");
  report = await import("@/lib/reports/vault-report");
  adopt = await import("@/lib/unmanaged/adopt-key");
  del = await import("@/lib/unmanaged/delete-on-okx");
  errors = await import("@/lib/errors/to-user-message");
});

async function storeMaster(creds: OkxCredentials, label: string): Promise<string> {
  secrets.push(creds.secretKey, creds.passphrase);
  return storeCredentials(creds, { label, createdOn: "2026-11-01" });
}

/** A master account: sub-account "ops-N" is frozen; three keys nobody stored. */
function fleet(uid: number, masterIp: string[] = [CALLER_IP], masterPerm = "read_only,trade") {
  const live = `live-${uid}`;
  const ops = `ops-${uid}`;
  addSimAccount(sim, {
    uid: String(uid),
    subAccounts: [
      { subAcct: live, uid: String(uid + 1), createdDaysAgo: 500 },
      { subAcct: ops, uid: String(uid + 2), createdDaysAgo: 300, frozen: true },
    ],
  });
  const master = addSimKey(sim, { uid: String(uid), perm: masterPerm, ip: masterIp, label: "manager" });
  const tracker = addSimKey(sim, { uid: String(uid + 1), subAcct: live, perm: "read_only", label: `tracker${uid}`, createdDaysAgo: 400 });
  const vps = addSimKey(sim, { uid: String(uid + 1), subAcct: live, perm: "read_only,trade", ip: [CALLER_IP], label: `vps${uid}`, createdDaysAgo: 50 });
  const loose = addSimKey(sim, { uid: String(uid + 2), subAcct: ops, perm: "read_only,trade", label: `loose${uid}`, createdDaysAgo: 20, lastUsedDaysAgo: 2 });
  for (const k of [tracker, vps, loose]) secrets.push(k.secretKey, k.passphrase);
  return { master, tracker, vps, loose, live, ops };
}

async function unmanagedNamed(name: string) {
  return (await report.loadVaultReport({ now: new Date() })).unmanaged.find((u) => u.key.name === name);
}

async function fileText(): Promise<string> {
  const files = fs
    .readdirSync(env.dir, { recursive: true })
    .map(String)
    .filter((f) => /\.db(-wal)?$/.test(f));
  return files.map((f) => fs.readFileSync(path.join(env.dir, f)).toString("latin1")).join("\n");
}

describe("unmanaged keys", () => {
  it("are audited from the master's listing: real creation time, perm, IPs, frozen sub-account; outside the posture", async () => {
    const f = fleet(5000);
    const masterId = await storeMaster(f.master, "manager 5000");
    const before = await report.loadVaultReport({ now: new Date() });
    expect(before.unmanaged).toHaveLength(0);
    await checks.checkKey(masterId);
    const r = await report.loadVaultReport({ now: new Date() });
    expect(r.unmanaged.map((u) => u.key.name).sort()).toEqual(["loose5000", "tracker5000", "vps5000"]);
    // The posture is still about stored keys only: the master key.
    expect(r.keys.map((k) => k.key.id)).toEqual([masterId]);
    expect(r.vault.keys).toHaveLength(1);

    const tracker = r.unmanaged.find((u) => u.key.name === "tracker5000")!;
    expect(tracker.key.createdAt.getTime()).toBe(sim.getKey(f.tracker.apiKey)!.createdAt);
    expect(tracker.audit.ageDays).toBe(400);
    expect(tracker.audit.currentPerm).toEqual(["read_only"]);
    expect(tracker.audit.ipBinding).toBe("none");
    const trackerRules = Object.fromEntries(tracker.audit.findings.map((x) => [x.rule, x.severity]));
    expect(trackerRules).toMatchObject({ unmanaged: "medium", age: "high", "no-ip": "medium" });
    expect(trackerRules["stale-check"]).toBeUndefined();
    expect(tracker.audit.grade).toBe("D");

    const vps = r.unmanaged.find((u) => u.key.name === "vps5000")!;
    expect(vps.audit.ipBinding).toBe("bound");
    expect(vps.audit.findings.map((x) => x.rule)).toEqual(["unmanaged"]);
    expect(vps.audit.findings[0].severity).toBe("high");
    // Never better than what is known: an unmanaged trade key is at best D.
    expect(vps.audit.grade).toBe("D");

    const loose = r.unmanaged.find((u) => u.key.name === "loose5000")!;
    expect(loose.key.subFrozen).toBe(true);
    const frozen = loose.audit.findings.find((x) => x.rule === "frozen")!;
    expect(frozen).toMatchObject({ severity: "high" });
    expect(frozen.title).toMatch(/ops-5000.*frozen or disabled/);
    // 20 days old, unbound, trade: past OKX's 14 days, but still listed today, so it is alive (not "deleted").
    const deletion = loose.audit.findings.find((x) => x.rule === "okx-14-day-deletion")!;
    expect(deletion.title).toMatch(/still listed it/);
    expect(deletion.severity).toBe("high");
    expect(loose.audit.findings.find((x) => x.rule === "no-ip")).toMatchObject({ severity: "high" });
    for (const u of r.unmanaged) expect(u.audit.findings.some((x) => x.rule === "withdraw")).toBe(false);
    expect(r.unmanagedCounts.high).toBeGreaterThanOrEqual(5);

    // The listed public keys are kept sealed only.
    const text = await fileText();
    for (const k of [f.tracker, f.vps, f.loose]) expect(text).not.toContain(k.apiKey);
  });

  it("keeps an unmanaged key's row id when the master is checked again", async () => {
    const f = fleet(5100);
    const masterId = await storeMaster(f.master, "manager 5100");
    await checks.checkKey(masterId);
    const id = (await unmanagedNamed("vps5100"))!.key.id;
    await checks.checkKey(masterId);
    expect((await unmanagedNamed("vps5100"))!.key.id).toBe(id);
  });

  it("a key two master keys of the account list is one unmanaged key, reachable from either master's row", async () => {
    const f = fleet(5600);
    const a = await storeMaster(f.master, "manager 5600");
    const reader = addSimKey(sim, { uid: "5600", perm: "read_only", ip: [CALLER_IP], label: "reader" });
    const b = await storeMaster(reader, "reader 5600");
    await checks.checkKey(a);
    await checks.checkKey(b);
    const r = await report.loadVaultReport({ now: new Date() });
    const vps = r.unmanaged.filter((u) => u.key.name === "vps5600");
    expect(vps).toHaveLength(1);
    const rows = await (await dbmod.db()).discoveredSubKey.findMany({ where: { label: "vps5600" }, select: { id: true } });
    expect(rows).toHaveLength(2);
    expect([vps[0].key.id, ...vps[0].key.otherRowIds].sort()).toEqual(rows.map((x) => x.id).sort());
  });

  it("adopt: a wrong secret or passphrase is refused on its field and nothing is stored; the right pair stores it as a sub-account key", async () => {
    const f = fleet(5200);
    const masterId = await storeMaster(f.master, "manager 5200");
    await checks.checkKey(masterId);
    const target = (await unmanagedNamed("vps5200"))!;
    const prisma = await dbmod.db();
    const count = () => prisma.apiKey.count();
    const n = await count();
    const form = { label: "VPS bot", purpose: "trade", usedBy: "grid @ 198.51.100.7", secretKey: f.vps.secretKey, passphrase: f.vps.passphrase };

    const wrongSecret = await adopt.adoptUnmanagedKey(target.key.id, { ...form, secretKey: f.tracker.secretKey }).catch((e) => e);
    const ws = errors.toUserError(wrongSecret);
    expect(ws.fieldErrors?.secretKey?.[0]).toMatch(/50113/);
    const wrongPass = await adopt.adoptUnmanagedKey(target.key.id, { ...form, passphrase: "Not-the-1-phrase" }).catch((e) => e);
    expect(errors.toUserError(wrongPass).fieldErrors?.passphrase?.[0]).toMatch(/50105/);
    expect(await count()).toBe(n);
    expect(await prisma.auditEvent.count({ where: { action: "key.adopt" } })).toBe(0);
    expect((await unmanagedNamed("vps5200"))?.key.id).toBe(target.key.id);

    const dto = await adopt.adoptUnmanagedKey(target.key.id, form);
    expect(dto).toMatchObject({
      label: "VPS bot",
      subAcct: f.live,
      parentKeyId: masterId,
      createdOnSource: "okx",
      purpose: "trade",
      fingerprint: target.key.fingerprint,
    });
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: dto.id } });
    expect(row.createdOn.getTime()).toBe(sim.getKey(f.vps.apiKey)!.createdAt);
    const check = await prisma.check.findFirstOrThrow({ where: { keyId: dto.id } });
    expect(check).toMatchObject({ outcome: "ok", code: "0", uid: "5201", mainUid: "5200" });
    const [event] = await prisma.auditEvent.findMany({ where: { action: "key.adopt", keyId: dto.id } });
    expect(JSON.parse(event.detail)).toMatchObject({ subAcct: f.live, masterKeyId: masterId, fingerprint: target.key.fingerprint });
    // No longer unmanaged; now a stored key with its own grade.
    const r = await report.loadVaultReport({ now: new Date() });
    expect(r.unmanaged.map((u) => u.key.name)).not.toContain("vps5200");
    expect(r.keys.find((k) => k.key.id === dto.id)?.audit.verified).toBe(true);
    // Adopting it twice is refused.
    expect(errors.toUserError(await adopt.adoptUnmanagedKey(target.key.id, form).catch((e) => e)).message).toMatch(/already in Keywarden as “VPS bot”/);
  });

  it("delete on OKX: the typed name is required; OKX refusals change nothing; done means gone from the listing", async () => {
    const f = fleet(5300);
    const masterId = await storeMaster(f.master, "manager 5300");
    await checks.checkKey(masterId);
    const target = (await unmanagedNamed("tracker5300"))!;
    const prisma = await dbmod.db();
    const rows = () => prisma.discoveredSubKey.count({ where: { masterKeyId: masterId } });
    const events = () => prisma.auditEvent.count({ where: { action: "key.delete_on_okx" } });
    const e0 = await events();

    const typo = await del.deleteUnmanagedOnOkx(target.key.id, { confirm: "tracker" }).catch((e) => e);
    expect(errors.toUserError(typo).fieldErrors?.confirm?.[0]).toMatch(/Type “tracker5300” exactly/);
    expect(sim.getKey(f.tracker.apiKey)).toBeTruthy();

    // Network failure on the delete call: nothing changes.
    const dropping = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).includes("/delete-apikey")) throw new TypeError("fetch failed");
      return fetch(input, init);
    }) as typeof fetch;
    const offline = new okx.OkxClient({ env: { OKX_API_BASE_URL: sim.baseUrlEnv }, fetch: dropping, backoffBaseMs: 1, timeoutMs: 1500 });
    const net = errors.toUserError(await del.deleteUnmanagedOnOkx(target.key.id, { confirm: "tracker5300" }, { client: offline }).catch((e) => e));
    expect(net.message).toMatch(/^OKX refused the delete: OKX network: .*Nothing was changed in Keywarden\.$/);
    expect(sim.getKey(f.tracker.apiKey)).toBeTruthy();
    expect(await rows()).toBe(3);
    expect(await events()).toBe(e0);

    sim.resetCalls();
    const done = await del.deleteUnmanagedOnOkx(target.key.id, { confirm: " tracker5300 " });
    expect(done).toMatchObject({ name: "tracker5300", subAcct: f.live });
    expect(sim.calls.map((c) => c.path.split("?")[0])).toEqual(
      expect.arrayContaining(["/api/v5/users/subaccount/delete-apikey", "/api/v5/users/subaccount/apikey"]),
    );
    // Gone on OKX: the master's listing no longer has it, and neither does Keywarden.
    const listed = await okx.defaultOkxClient().listSubAccountKeys(f.master, f.live);
    expect(listed.map((k) => k.label)).not.toContain("tracker5300");
    expect(await rows()).toBe(2);
    expect(await unmanagedNamed("tracker5300")).toBeUndefined();
    expect(await events()).toBe(e0 + 1);
    await checks.checkKey(masterId);
    expect(await unmanagedNamed("tracker5300")).toBeUndefined();
    expect((await unmanagedNamed("vps5300"))?.key.name).toBe("vps5300");
  });

  it("delete on OKX through a master key that is not IP-bound: 50035 explained, nothing changed", async () => {
    const f = fleet(5400, []);
    const masterId = await storeMaster(f.master, "manager 5400");
    await checks.checkKey(masterId);
    const target = (await unmanagedNamed("loose5400"))!;
    const prisma = await dbmod.db();
    const err = errors.toUserError(await del.deleteUnmanagedOnOkx(target.key.id, { confirm: "loose5400" }).catch((e) => e));
    expect(err.code).toBe("okx-50035");
    expect(err.message).toMatch(/^OKX refused the delete: OKX error 50035: .*Nothing was changed in Keywarden\.$/);
    expect(sim.getKey(f.loose.apiKey)).toBeTruthy();
    expect(await prisma.discoveredSubKey.count({ where: { masterKeyId: masterId } })).toBe(3);
    expect((await unmanagedNamed("loose5400"))?.key.id).toBe(target.key.id);
  });

  it("delete on OKX through a read-only master key: 50120 explained, nothing changed", async () => {
    const f = fleet(5500, [CALLER_IP], "read_only");
    const masterId = await storeMaster(f.master, "manager 5500");
    await checks.checkKey(masterId);
    const target = (await unmanagedNamed("vps5500"))!;
    const err = errors.toUserError(await del.deleteUnmanagedOnOkx(target.key.id, { confirm: "vps5500" }).catch((e) => e));
    expect(err.code).toBe("okx-50120");
    expect(err.message).toMatch(/^OKX refused the delete: OKX error 50120: .*Nothing was changed in Keywarden\.$/);
    expect(sim.getKey(f.vps.apiKey)?.deletedAt).toBeUndefined();
    expect((await unmanagedNamed("vps5500"))?.key.id).toBe(target.key.id);
  });

  it("no secret of any key in the SQLite files or the audit log", async () => {
    const text = await fileText();
    const log = (await (await dbmod.db()).auditEvent.findMany()).map((e) => e.detail).join("\n");
    for (const s of secrets) {
      expect(text).not.toContain(s);
      expect(log).not.toContain(s);
    }
  });
});
