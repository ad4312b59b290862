// Automated rotation of sub-account keys through their master key, against the OKX simulator: create (stored
// before shown), one-time reveal, verify, delete, 1 request/s pacing, fallbacks to guided, and a lost create reply.
import { beforeAll, describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { OkxClient } from "@/lib/okx/client";
import { CALLER_IP, auditActions, ensureAccount, keyInput, secretsSeen, rotationEnv, simKey, type Libs } from "./support";

let sim: OkxSim;
let libs: Libs;
const MAIN = "8100";
const SUB = "8101";

const env = rotationEnv();
beforeAll(async () => {
  ({ sim, libs } = await env.setup());
  ensureAccount(sim, MAIN, [{ subAcct: "botsub", uid: SUB }]);
});

let n = 0;
async function subKey(masterId: string, opts: { perm?: string; ip?: string[]; purpose?: string } = {}) {
  const k = simKey(sim, { uid: SUB, subAcct: "botsub", perm: opts.perm ?? "read_only,trade", ip: opts.ip ?? [CALLER_IP, "198.51.100.7"] });
  const dto = await libs.keys.addKey(keyInput(k, { label: `sub bot ${++n}`, purpose: opts.purpose ?? "trade", usedBy: "hummingbot @ 198.51.100.7" }), {
    subAcct: "botsub",
    parentKeyId: masterId,
  });
  await libs.checks.checkKey(dto.id);
  return { sim: k, id: dto.id };
}

async function masterKey(label: string, ip: string[]) {
  const k = simKey(sim, { uid: MAIN, perm: "read_only,trade", ip });
  const dto = await libs.keys.addKey(keyInput(k, { label }));
  return { sim: k, id: dto.id };
}

describe("automated rotation", () => {
  let master: { sim: ReturnType<typeof simKey>; id: string };

  beforeAll(async () => {
    master = await masterKey("admin master", [CALLER_IP]);
  });

  it("creates, stores before showing, reveals once, verifies, deletes the old key and retires it", async () => {
    const old = await subKey(master.id, { perm: "read_only,trade,withdraw".replace(",withdraw", "") });
    const { rotationId, mode } = await libs.rotation.startRotation(old.id);
    expect(mode).toBe("automated");
    const created = await libs.rotation.createNewKey(rotationId, {});
    expect(created.created).toBe(true);
    let view = await libs.rotation.getRotation(rotationId);
    expect(view).toMatchObject({ state: "new_key_stored", revealPending: true });
    const newKey = await libs.keys.getKey(view.newKey!.id);
    expect(newKey).toMatchObject({ subAcct: "botsub", parentKeyId: master.id, createdOnSource: "okx", status: "active", purpose: "trade" });
    const onOkx = sim.liveKeys().filter((k) => k.subAcct === "botsub" && k.label.includes(`kw-${rotationId.slice(0, 8)}`));
    expect(onOkx).toHaveLength(1);
    expect(onOkx[0]).toMatchObject({ perm: ["read_only", "trade"], ip: [CALLER_IP, "198.51.100.7"] });

    const shown = await libs.rotation.revealNewSecret(rotationId);
    secretsSeen.push(shown.secretKey, shown.passphrase);
    expect(shown).toMatchObject({ apiKey: onOkx[0].apiKey, secretKey: onOkx[0].secretKey, passphrase: onOkx[0].passphrase });
    expect(shown.passphrase).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,32}$/);
    await expect(libs.rotation.revealNewSecret(rotationId)).rejects.toMatchObject({ code: "rotation-revealed" });
    expect((await libs.rotation.getRotation(rotationId)).revealPending).toBe(false);
    await libs.rotation.confirmSecretsCopied(rotationId, shown.keyId);

    expect(await libs.rotation.verifyRotation(rotationId)).toMatchObject({ ok: true });
    await libs.rotation.setConsumerSwitched(rotationId, 0, true);
    await libs.rotation.confirmConsumersSwitched(rotationId);
    const res = await libs.rotation.deleteOldKey(rotationId);
    expect(res.done).toBe(true);
    expect(sim.getKey(old.sim.apiKey)).toMatchObject({ deletedReason: "api" });
    view = await libs.rotation.getRotation(rotationId);
    expect(view).toMatchObject({ state: "done", oldKey: { status: "retired", hasSecrets: false } });
    const { actions, raw } = await auditActions(libs);
    for (const a of [
      "rotation.start",
      "rotation.create-intent",
      "rotation.new-key",
      "rotation.secret-revealed",
      "rotation.verify",
      "rotation.consumers-done",
      "rotation.delete-intent",
      "rotation.done",
      "key.retire",
    ])
      expect(actions).toContain(a);
    for (const s of secretsSeen) expect(raw).not.toContain(s);
  });

  it("finishes on an old key already deleted on okx.com (50119 from the host that answered, gone from the listing); secrets destroyed only then", async () => {
    const old = await subKey(master.id);
    const { rotationId } = await libs.rotation.startRotation(old.id);
    expect((await libs.rotation.createNewKey(rotationId, {})).created).toBe(true);
    await libs.rotation.confirmSecretsCopied(rotationId, (await libs.rotation.revealNewSecret(rotationId)).keyId);
    expect(await libs.rotation.verifyRotation(rotationId)).toMatchObject({ ok: true });
    await libs.rotation.setConsumerSwitched(rotationId, 0, true);
    await libs.rotation.confirmConsumersSwitched(rotationId);
    // The user deleted the old key on okx.com meanwhile: the audit calls it dead, its secrets are still here.
    sim.removeKey(old.sim.apiKey);
    expect(await libs.checks.checkKey(old.id)).toMatchObject({ code: "50119", region: "global" });
    const audited = (await libs.reports.loadVaultReport({ now: new Date() })).keys.find((k) => k.key.id === old.id)!;
    expect(audited.audit.findings.map((f) => f.rule)).toContain("dead-key");
    expect(audited.key.hasSecrets).toBe(true);
    sim.resetCalls();
    const res = await libs.rotation.deleteOldKey(rotationId);
    expect(res).toMatchObject({ done: true, message: expect.stringMatching(/50119/) });
    // Nothing left to delete: no delete call went out.
    expect(sim.calls.filter((c) => c.path.endsWith("/delete-apikey"))).toHaveLength(0);
    expect(sim.getKey(old.sim.apiKey)).toMatchObject({ deletedReason: "removed" });
    expect(await libs.rotation.getRotation(rotationId)).toMatchObject({ state: "done", oldKey: { status: "retired", hasSecrets: false } });
  });

  it("narrows to what the purpose needs and never gives withdraw", async () => {
    const old = await subKey(master.id, { perm: "read_only,trade", purpose: "read" });
    const { rotationId } = await libs.rotation.startRotation(old.id);
    expect((await libs.rotation.getRotation(rotationId)).plan.targetPerms).toEqual(["read_only"]);
    await libs.rotation.abandonRotation(rotationId);
  });

  it("keeps to 1 create and 1 delete per second: two rotations at once, no 50011", async () => {
    sim.resetCalls();
    const a = await subKey(master.id);
    const b = await subKey(master.id);
    const [ra, rb] = await Promise.all([libs.rotation.startRotation(a.id), libs.rotation.startRotation(b.id)]);
    await Promise.all([libs.rotation.createNewKey(ra.rotationId, {}), libs.rotation.createNewKey(rb.rotationId, {})]);
    for (const r of [ra, rb]) {
      await libs.rotation.confirmSecretsCopied(r.rotationId, (await libs.rotation.revealNewSecret(r.rotationId)).keyId);
      await libs.rotation.verifyRotation(r.rotationId);
      await libs.rotation.setConsumerSwitched(r.rotationId, 0, true);
      await libs.rotation.confirmConsumersSwitched(r.rotationId);
    }
    const done = await Promise.all([libs.rotation.deleteOldKey(ra.rotationId), libs.rotation.deleteOldKey(rb.rotationId)]);
    expect(done.every((d) => d.done)).toBe(true);
    expect(sim.countCode("50011")).toBe(0);
    const posts = (path: string) => sim.calls.filter((c) => c.method === "POST" && c.path.startsWith(path) && c.code === "0").map((c) => c.at);
    for (const times of [posts("/api/v5/users/subaccount/apikey"), posts("/api/v5/users/subaccount/delete-apikey")]) {
      expect(times).toHaveLength(2);
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(1000);
    }
  });

  it("falls back to guided when the master key is not IP-bound (checked first via account/config)", async () => {
    const unbound = await masterKey("unbound master", []);
    const old = await subKey(unbound.id);
    const started = await libs.rotation.startRotation(old.id);
    expect(started).toMatchObject({ mode: "guided", fallbackReason: expect.stringMatching(/not bound to an IP/) });
    const view = await libs.rotation.getRotation(started.rotationId);
    expect(view.plan.instructions.join(" ")).toMatch(/Sub-accounts → 'botsub' → API/);
    expect(view.fallbackReason).toMatch(/50035/);
    await libs.rotation.abandonRotation(started.rotationId);
  });

  it("falls back to guided when OKX answers 50035 on create (the master lost its IP binding meanwhile)", async () => {
    const m = await masterKey("flaky master", [CALLER_IP]);
    const old = await subKey(m.id);
    const { rotationId, mode } = await libs.rotation.startRotation(old.id);
    expect(mode).toBe("automated");
    sim.getKey(m.sim.apiKey)!.ip = [];
    const res = await libs.rotation.createNewKey(rotationId, {});
    expect(res).toMatchObject({ created: false, fallbackReason: expect.stringMatching(/50035.*bound to IP/) });
    const view = await libs.rotation.getRotation(rotationId);
    expect(view).toMatchObject({ mode: "guided", state: "planned", newKey: null });
    expect((await auditActions(libs)).actions).toContain("rotation.fallback");
    await libs.rotation.abandonRotation(rotationId);
  });

  it("falls back to guided when OKX answers 59500 on create (the key Keywarden holds is not a master account's)", async () => {
    const m = await masterKey("not really master", [CALLER_IP]);
    const old = await subKey(m.id);
    const { rotationId } = await libs.rotation.startRotation(old.id);
    const refusing = new OkxClient({
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        if (init?.method === "POST" && String(input).endsWith("/api/v5/users/subaccount/apikey")) {
          return new Response(JSON.stringify({ code: "59500", msg: "Only the APIKey of the main account has permission for this operation.", data: [] }), {
            status: 200,
          });
        }
        return fetch(input, init);
      }) as typeof fetch,
    });
    const res = await libs.rotation.createNewKey(rotationId, {}, { client: refusing });
    expect(res).toMatchObject({ created: false, fallbackReason: expect.stringMatching(/59500.*master account's API key/) });
    expect(await libs.rotation.getRotation(rotationId)).toMatchObject({ mode: "guided", state: "planned", newKey: null });
    await libs.rotation.abandonRotation(rotationId);
  });

  it("a create whose reply was lost is found by label, the unusable orphan deleted, and created again", async () => {
    const old = await subKey(master.id);
    const { rotationId } = await libs.rotation.startRotation(old.id);
    let dropped = false;
    // Sends the create for real, then loses the reply, as a timeout after OKX acted would.
    const lossy = new OkxClient({
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        const res = await fetch(input, init);
        if (!dropped && init?.method === "POST" && String(input).endsWith("/api/v5/users/subaccount/apikey")) {
          dropped = true;
          throw new TypeError("socket hang up");
        }
        return res;
      }) as typeof fetch,
      backoffBaseMs: 20,
      // One process, one limiter: the retry below must be paced against this client's create too.
      limiter: libs.okx.defaultOkxClient().limiter,
    });
    await expect(libs.rotation.createNewKey(rotationId, {}, { client: lossy })).rejects.toMatchObject({ userMessage: expect.stringMatching(/retry/) });
    let view = await libs.rotation.getRotation(rotationId);
    expect(view).toMatchObject({ state: "creating", lastError: { step: "create" } });
    const tag = `kw-${rotationId.slice(0, 8)}`;
    expect(sim.liveKeys().filter((k) => k.label.includes(tag))).toHaveLength(1);

    await libs.rotation.createNewKey(rotationId, {});
    view = await libs.rotation.getRotation(rotationId);
    expect(view.state).toBe("new_key_stored");
    const live = sim.liveKeys().filter((k) => k.label.includes(tag));
    expect(live).toHaveLength(1);
    expect(live[0].label).toMatch(/-2$/);
    expect((await auditActions(libs)).actions).toContain("rotation.orphan-deleted");
    await libs.rotation.abandonRotation(rotationId, { deleteNewKey: true });
    expect(sim.liveKeys().filter((k) => k.label.includes(tag))).toHaveLength(0);
    expect((await libs.keys.getKey(old.id)).hasSecrets).toBe(true);
    expect(sim.countCode("50011")).toBe(0);
  });

  /** A rotation of a fresh sub key, up to `switched` (or `verified`). */
  async function rotateTo(state: "verified" | "switched") {
    const old = await subKey(master.id);
    const { rotationId } = await libs.rotation.startRotation(old.id);
    await libs.rotation.createNewKey(rotationId, {});
    await libs.rotation.confirmSecretsCopied(rotationId, (await libs.rotation.revealNewSecret(rotationId)).keyId);
    await libs.rotation.verifyRotation(rotationId);
    if (state === "switched") {
      await libs.rotation.setConsumerSwitched(rotationId, 0, true);
      await libs.rotation.confirmConsumersSwitched(rotationId);
    }
    const view = await libs.rotation.getRotation(rotationId);
    const newApiKey = (await libs.creds.loadKeyCredentials(view.newKey!.id)).apiKey;
    return { old, rotationId, newApiKey };
  }

  it("abandoning after a create whose reply was lost deletes the key OKX made (its secret is unknown)", async () => {
    const old = await subKey(master.id);
    const { rotationId } = await libs.rotation.startRotation(old.id);
    const lossy = new OkxClient({
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        const res = await fetch(input, init);
        if (init?.method === "POST" && String(input).endsWith("/api/v5/users/subaccount/apikey")) throw new TypeError("socket hang up");
        return res;
      }) as typeof fetch,
      backoffBaseMs: 20,
      limiter: libs.okx.defaultOkxClient().limiter,
    });
    await expect(libs.rotation.createNewKey(rotationId, {}, { client: lossy })).rejects.toBeDefined();
    const tag = `kw-${rotationId.slice(0, 8)}`;
    expect(sim.liveKeys().filter((k) => k.label.includes(tag))).toHaveLength(1);
    await libs.rotation.abandonRotation(rotationId);
    expect(sim.liveKeys().filter((k) => k.label.includes(tag))).toHaveLength(0);
    expect((await libs.rotation.getRotation(rotationId)).state).toBe("abandoned");
    expect(sim.getKey(old.sim.apiKey)?.deletedAt).toBeUndefined();
  });

  it("rotates a sub-account key bound only to its bot's server (50110 from here): no wider permissions, verified, done", async () => {
    // Bound to the bot's IP only: account/config from this machine answers 50110 forever, so UID and perm come
    // from the master key's listing.
    const old = await subKey(master.id, { perm: "read_only", ip: ["198.51.100.7"], purpose: "trade" });
    expect((await libs.checks.checkKey(old.id)).code).toBe("50110");
    const { rotationId, mode } = await libs.rotation.startRotation(old.id);
    expect(mode).toBe("automated");
    expect((await libs.rotation.getRotation(rotationId)).plan.targetPerms).toEqual(["read_only"]);
    await libs.rotation.createNewKey(rotationId, {});
    const view = await libs.rotation.getRotation(rotationId);
    const fresh = await libs.creds.loadKeyCredentials(view.newKey!.id);
    expect(sim.getKey(fresh.apiKey)).toMatchObject({ perm: ["read_only"], ip: ["198.51.100.7"] });
    await libs.rotation.confirmSecretsCopied(rotationId, (await libs.rotation.revealNewSecret(rotationId)).keyId);
    expect(await libs.rotation.verifyRotation(rotationId)).toMatchObject({ ok: true });
    await libs.rotation.setConsumerSwitched(rotationId, 0, true);
    await libs.rotation.confirmConsumersSwitched(rotationId);
    expect((await libs.rotation.deleteOldKey(rotationId)).done).toBe(true);
    expect((await libs.rotation.getRotation(rotationId)).state).toBe("done");
  });

  it("two creates at once (two tabs, or Retry while the first still waits on OKX) make exactly one key", async () => {
    const old = await subKey(master.id);
    const { rotationId } = await libs.rotation.startRotation(old.id);
    const results = await Promise.all([libs.rotation.createNewKey(rotationId, {}), libs.rotation.createNewKey(rotationId, {})]);
    expect(results).toEqual([{ created: true }, { created: true }]);
    const tag = `kw-${rotationId.slice(0, 8)}`;
    expect(sim.liveKeys().filter((k) => k.label.includes(tag))).toHaveLength(1);
    expect((await libs.rotation.getRotation(rotationId)).state).toBe("new_key_stored");
    await libs.rotation.abandonRotation(rotationId, { deleteNewKey: true });
    expect(sim.liveKeys().filter((k) => k.label.includes(tag))).toHaveLength(0);
  });

  it("does not delete the old key when the new one is gone from OKX meanwhile: refused, old key untouched", async () => {
    const { old, rotationId, newApiKey } = await rotateTo("switched");
    sim.removeKey(newApiKey); // deleted on okx.com after it was verified
    await expect(libs.rotation.deleteOldKey(rotationId)).rejects.toMatchObject({ code: "rotation-new-key-gone" });
    expect(sim.getKey(old.sim.apiKey)?.deletedAt).toBeUndefined();
    expect((await libs.keys.getKey(old.id)).hasSecrets).toBe(true);
    await libs.rotation.abandonRotation(rotationId);
  });

  it("abandoning with 'delete the new key' is refused once the old key no longer works, so one working key remains", async () => {
    const { old, rotationId, newApiKey } = await rotateTo("verified");
    sim.removeKey(old.sim.apiKey); // the old key went early (on okx.com, or a delete whose confirmation was lost)
    await expect(libs.rotation.abandonRotation(rotationId, { deleteNewKey: true })).rejects.toMatchObject({ code: "rotation-old-key-gone" });
    expect(sim.getKey(newApiKey)?.deletedAt).toBeUndefined();
    expect((await libs.rotation.getRotation(rotationId)).state).toBe("verified");
    // Abandoning and keeping the new key is still possible.
    await libs.rotation.abandonRotation(rotationId);
    expect(sim.getKey(newApiKey)?.deletedAt).toBeUndefined();
  });
});
