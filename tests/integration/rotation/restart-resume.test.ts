// "Process killed between each pair of steps": after every step the in-memory state is dropped (database handle
// closed, vault locked, OKX client and every module re-imported), then the vault is unlocked again and the next step
// runs on what was persisted. Also a crash inside a step: the new key stored but not yet linked.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { CALLER_IP, MASTER, auditActions, ensureAccount, importLibs, keyInput, secretsSeen, rotationEnv, simKey, type Libs } from "./support";

let sim: OkxSim;
let libs: Libs;

const env = rotationEnv();
beforeAll(async () => {
  ({ sim, libs } = await env.setup());
  ensureAccount(sim, "9100", [{ subAcct: "resub", uid: "9101" }]);
});

async function restart() {
  await libs.vault.lockVault("system", "test restart");
  await libs.dbmod.closeDb();
  libs.okx.setDefaultOkxClient();
  vi.resetModules();
  libs = await importLibs();
  await libs.vault.unlockVault(MASTER);
}

describe("resume after restart", () => {
  it("guided: every step survives a restart, and the wizard shows where it was", async () => {
    const old = simKey(sim, { uid: "9100", perm: "read_only,trade", ip: [CALLER_IP] });
    const oldId = (await libs.keys.addKey(keyInput(old, { label: "restart bot", usedBy: "bot-a\nbot-b" }))).id;
    await libs.checks.checkKey(oldId);
    await restart();
    const { rotationId } = await libs.rotation.startRotation(oldId);
    await restart();
    expect((await libs.rotation.getRotation(rotationId)).current).toBe("new-key");
    await libs.rotation.enterNewKey(rotationId, simKey(sim, { uid: "9100", perm: "read_only,trade", ip: [CALLER_IP] }));
    await restart();
    expect((await libs.rotation.getRotation(rotationId)).current).toBe("verify");
    expect((await libs.rotation.verifyRotation(rotationId)).ok).toBe(true);
    await restart();
    await libs.rotation.setConsumerSwitched(rotationId, 0, true);
    await restart();
    const mid = await libs.rotation.getRotation(rotationId);
    expect(mid.consumers.map((c) => c.done)).toEqual([true, false]);
    expect(mid.current).toBe("switch");
    await libs.rotation.setConsumerSwitched(rotationId, 1, true);
    await restart();
    await libs.rotation.confirmConsumersSwitched(rotationId);
    await restart();
    expect((await libs.rotation.getRotation(rotationId)).current).toBe("revoke");
    sim.removeKey(old.apiKey);
    expect((await libs.rotation.confirmOldKeyRevoked(rotationId)).done).toBe(true);
    await restart();
    const end = await libs.rotation.getRotation(rotationId);
    expect(end).toMatchObject({ state: "done", oldKey: { hasSecrets: false }, newKey: { hasSecrets: true } });
  });

  it("automated: create → restart → reveal → restart → verify → … → delete, nothing lost", async () => {
    const m = simKey(sim, { uid: "9100", perm: "read_only,trade", ip: [CALLER_IP] });
    const masterId = (await libs.keys.addKey(keyInput(m, { label: "restart master" }))).id;
    const old = simKey(sim, { uid: "9101", subAcct: "resub", perm: "read_only,trade", ip: [CALLER_IP] });
    const oldId = (await libs.keys.addKey(keyInput(old, { label: "restart sub" }), { subAcct: "resub", parentKeyId: masterId })).id;
    await libs.checks.checkKey(oldId);
    const { rotationId, mode } = await libs.rotation.startRotation(oldId);
    expect(mode).toBe("automated");
    await restart();
    await libs.rotation.createNewKey(rotationId, {});
    await restart();
    const afterCreate = await libs.rotation.getRotation(rotationId);
    expect(afterCreate).toMatchObject({ state: "new_key_stored", revealPending: true });
    const shown = await libs.rotation.revealNewSecret(rotationId);
    secretsSeen.push(shown.secretKey, shown.passphrase);
    await restart();
    await expect(libs.rotation.revealNewSecret(rotationId)).rejects.toMatchObject({ code: "rotation-revealed" });
    await libs.rotation.confirmSecretsCopied(rotationId, shown.keyId);
    expect((await libs.rotation.verifyRotation(rotationId)).ok).toBe(true);
    await restart();
    await libs.rotation.setConsumerSwitched(rotationId, 0, true);
    await libs.rotation.confirmConsumersSwitched(rotationId);
    await restart();
    expect((await libs.rotation.deleteOldKey(rotationId)).done).toBe(true);
    await restart();
    expect(await libs.rotation.getRotation(rotationId)).toMatchObject({ state: "done", oldKey: { status: "retired", hasSecrets: false } });
    const creds = await libs.creds.loadKeyCredentials(afterCreate.newKey!.id);
    expect(creds.secretKey).toBe(shown.secretKey);
  });

  it("a crash between storing the new key and linking it is reconciled on the next load", async () => {
    const old = simKey(sim, { uid: "9100", perm: "read_only", ip: [CALLER_IP] });
    const oldKey = await libs.keys.addKey(keyInput(old, { label: "half written", purpose: "read" }));
    await libs.checks.checkKey(oldKey.id);
    const { rotationId } = await libs.rotation.startRotation(oldKey.id);
    // Replay enterNewKey up to the crash: intent committed, key stored, link never written.
    const rot = await libs.store.loadRotation(rotationId);
    await libs.store.commit(rot, { to: "planned", step: "new-key-intent", data: (d) => ({ ...d, pendingKeyLabel: "half written v2" }) });
    const fresh = simKey(sim, { uid: "9100", perm: "read_only", ip: [CALLER_IP] });
    await libs.keys.addKey(keyInput(fresh, { label: "half written v2", purpose: "read" }));
    await restart();
    const view = await libs.rotation.getRotation(rotationId);
    expect(view).toMatchObject({ state: "new_key_stored", newKey: { label: "half written v2" } });
    expect((await auditActions(libs)).actions).toContain("rotation.new-key-recovered");
  });

  it("a stale second tab cannot apply a step twice", async () => {
    const k = simKey(sim, { uid: "9100", perm: "read_only", ip: [CALLER_IP] });
    const key = await libs.keys.addKey(keyInput(k, { label: "two tabs", purpose: "read" }));
    const { rotationId } = await libs.rotation.startRotation(key.id);
    const tabA = await libs.store.loadRotation(rotationId);
    const tabB = await libs.store.loadRotation(rotationId);
    await libs.store.commit(tabA, { to: "abandoned", step: "abandon" });
    await expect(libs.store.commit(tabB, { to: "planned", step: "new-key-intent" })).rejects.toMatchObject({ code: "rotation-conflict" });
  });

  it("the audit log of all this holds no secret", async () => {
    const { raw } = await auditActions(libs);
    for (const s of secretsSeen) expect(raw).not.toContain(s);
  });
});
