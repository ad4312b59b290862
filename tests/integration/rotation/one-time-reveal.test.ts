// The automated rotation's one-time reveal against the OKX simulator: the secrets are shown once, the rotation then
// waits for "I have copied them" before any consumer is switched or the old key deleted, and secrets lost before
// that (a reload, a closed tab) lead to a safe way out: the unrevealed key is deleted on OKX (gone from the master's
// listing) and another one is created to reveal. Two tabs cannot confirm a key that was replaced meanwhile.
import { beforeAll, describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { CALLER_IP, auditActions, ensureAccount, keyInput, secretsSeen, rotationEnv, simKey, type Libs } from "./support";

let sim: OkxSim;
let libs: Libs;
let masterId: string;
const MAIN = "8200";
const SUB = "8201";

const env = rotationEnv();
beforeAll(async () => {
  ({ sim, libs } = await env.setup());
  ensureAccount(sim, MAIN, [{ subAcct: "revealsub", uid: SUB }]);
  const m = simKey(sim, { uid: MAIN, perm: "read_only,trade", ip: [CALLER_IP] });
  masterId = (await libs.keys.addKey(keyInput(m, { label: "reveal master" }))).id;
});

let n = 0;
/** A sub-account key with one consumer, a rotation started and its new key created (not yet revealed). */
async function created() {
  const k = simKey(sim, { uid: SUB, subAcct: "revealsub", perm: "read_only,trade", ip: [CALLER_IP, "198.51.100.7"] });
  const oldId = (
    await libs.keys.addKey(keyInput(k, { label: `reveal bot ${++n}`, usedBy: "hummingbot @ 198.51.100.7" }), { subAcct: "revealsub", parentKeyId: masterId })
  ).id;
  await libs.checks.checkKey(oldId);
  const { rotationId, mode } = await libs.rotation.startRotation(oldId);
  expect(mode).toBe("automated");
  await libs.rotation.createNewKey(rotationId, {});
  return { rotationId, oldId, old: k };
}

const live = (apiKey: string) => sim.liveKeys().some((k) => k.apiKey === apiKey);

describe("one-time reveal", () => {
  it("waits for 'I have copied them' before switching consumers or deleting the old key", async () => {
    const { rotationId, old } = await created();
    expect((await libs.rotation.getRotation(rotationId)).reveal).toMatchObject({ phase: "pending", shownAt: null });
    await expect(libs.rotation.confirmSecretsCopied(rotationId, "whatever")).rejects.toMatchObject({ code: "rotation-reveal-stale" });

    const shown = await libs.rotation.revealNewSecret(rotationId);
    secretsSeen.push(shown.secretKey, shown.passphrase);
    let view = await libs.rotation.getRotation(rotationId);
    // Shown, not confirmed: the state a reload lands in. The view says so and never carries the secrets again.
    expect(view.reveal).toMatchObject({ phase: "shown", keyId: shown.keyId, shownAt: expect.any(String), confirmedAt: null });
    expect(JSON.stringify(view)).not.toContain(shown.secretKey);
    expect(JSON.stringify(view)).not.toContain(shown.passphrase);
    await expect(libs.rotation.revealNewSecret(rotationId)).rejects.toMatchObject({ code: "rotation-revealed" });

    // Verifying is allowed (it needs no secret from the user); switching is not.
    expect((await libs.rotation.verifyRotation(rotationId)).ok).toBe(true);
    await expect(libs.rotation.setConsumerSwitched(rotationId, 0, true)).rejects.toMatchObject({ code: "rotation-not-confirmed" });
    await expect(libs.rotation.confirmConsumersSwitched(rotationId)).rejects.toMatchObject({ code: "rotation-consumers-left" });
    expect((await libs.rotation.getRotation(rotationId)).consumers[0].done).toBe(false);

    await libs.rotation.confirmSecretsCopied(rotationId, shown.keyId);
    await libs.rotation.confirmSecretsCopied(rotationId, shown.keyId); // a double submit is harmless
    view = await libs.rotation.getRotation(rotationId);
    expect(view.reveal).toMatchObject({ phase: "confirmed", confirmedAt: expect.any(String) });
    // Confirmed: the way out is closed (those secrets are in use now).
    await expect(libs.rotation.replaceUnrevealedKey(rotationId)).rejects.toMatchObject({ code: "rotation-illegal" });

    await libs.rotation.setConsumerSwitched(rotationId, 0, true);
    await libs.rotation.confirmConsumersSwitched(rotationId);
    expect((await libs.rotation.deleteOldKey(rotationId)).done).toBe(true);
    expect(live(old.apiKey)).toBe(false);
    const { actions, raw } = await auditActions(libs);
    expect(actions).toContain("rotation.secret-copied");
    for (const s of secretsSeen) expect(raw).not.toContain(s);
  });

  it("the old key cannot be deleted while the reveal is unconfirmed, even from a state an older version left", async () => {
    const { rotationId, old } = await created();
    await libs.rotation.revealNewSecret(rotationId);
    await libs.rotation.verifyRotation(rotationId);
    // An older Keywarden let the consumers be switched right after the (lost) reveal.
    const rot = await libs.store.loadRotation(rotationId);
    await libs.store.commit(rot, {
      to: "switched",
      step: "consumers-done",
      data: (d) => ({ ...d, consumers: d.consumers.map((c) => ({ ...c, done: true })) }),
    });
    await expect(libs.rotation.deleteOldKey(rotationId)).rejects.toMatchObject({ code: "rotation-not-confirmed" });
    expect(live(old.apiKey)).toBe(true);
    // The way out still works from there: the consumers go back to unticked, the new key must be verified again.
    await libs.rotation.replaceUnrevealedKey(rotationId);
    const view = await libs.rotation.getRotation(rotationId);
    expect(view).toMatchObject({ state: "new_key_stored", reveal: { phase: "pending" }, verification: null });
    expect(view.consumers.every((c) => !c.done)).toBe(true);
    await libs.rotation.abandonRotation(rotationId, { deleteNewKey: true });
  });

  it("secrets lost before they were copied: the unrevealed key is deleted on OKX and another one is created", async () => {
    const { rotationId, oldId, old } = await created();
    const first = await libs.rotation.revealNewSecret(rotationId); // ...and the tab is closed before copying
    secretsSeen.push(first.secretKey, first.passphrase);
    const lostFp = (await libs.keys.getKey(first.keyId)).fingerprint;
    await expect(libs.rotation.replaceUnrevealedKey(rotationId)).resolves.toEqual({ created: true });

    expect(live(first.apiKey)).toBe(false);
    expect(sim.getKey(first.apiKey)).toMatchObject({ deletedReason: "api" });
    await expect(libs.keys.getKey(first.keyId)).rejects.toBeDefined();
    const view = await libs.rotation.getRotation(rotationId);
    expect(view).toMatchObject({ state: "new_key_stored", reveal: { phase: "pending" }, discardedKeys: [{ fingerprint: lostFp }] });
    expect(view.newKey!.id).not.toBe(first.keyId);
    // Exactly one key of this rotation on OKX: the new one, bound like the first.
    const tag = `kw-${rotationId.slice(0, 8)}`;
    const mine = sim.liveKeys().filter((k) => k.label.includes(tag));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ perm: ["read_only", "trade"], ip: [CALLER_IP, "198.51.100.7"] });
    // The old key was never touched.
    expect(live(old.apiKey)).toBe(true);
    expect((await libs.keys.getKey(oldId)).hasSecrets).toBe(true);

    const second = await libs.rotation.revealNewSecret(rotationId);
    secretsSeen.push(second.secretKey, second.passphrase);
    expect(second.apiKey).toBe(mine[0].apiKey);
    await libs.rotation.confirmSecretsCopied(rotationId, second.keyId);
    await libs.rotation.verifyRotation(rotationId);
    await libs.rotation.setConsumerSwitched(rotationId, 0, true);
    await libs.rotation.confirmConsumersSwitched(rotationId);
    expect((await libs.rotation.deleteOldKey(rotationId)).done).toBe(true);
    const { actions, raw } = await auditActions(libs);
    expect(actions).toContain("rotation.unrevealed-key-deleted");
    for (const s of secretsSeen) expect(raw).not.toContain(s);
  });

  it("when OKX cannot delete the unrevealed key, nothing changes here and the step can be retried", async () => {
    const { rotationId } = await created();
    const shown = await libs.rotation.revealNewSecret(rotationId);
    secretsSeen.push(shown.secretKey, shown.passphrase);
    const before = await libs.rotation.getRotation(rotationId);
    sim.faults.failNext(20, 503); // OKX down for a while: every retry of the listing fails too
    await expect(libs.rotation.replaceUnrevealedKey(rotationId)).rejects.toMatchObject({ code: expect.stringMatching(/^okx-/) });
    sim.faults.reset();
    expect(await libs.rotation.getRotation(rotationId)).toMatchObject({ state: before.state, newKey: { id: shown.keyId }, reveal: { phase: "shown" } });
    expect(live(shown.apiKey)).toBe(true);
    await libs.rotation.replaceUnrevealedKey(rotationId);
    expect(live(shown.apiKey)).toBe(false);
    await libs.rotation.abandonRotation(rotationId, { deleteNewKey: true });
  });

  it("two tabs: one replaces the lost key, the other (still showing the old secrets) cannot confirm them", async () => {
    const { rotationId } = await created();
    const tabA = await libs.rotation.revealNewSecret(rotationId);
    secretsSeen.push(tabA.secretKey, tabA.passphrase);
    // Tab B reloads, sees "shown, not confirmed" and takes the way out while tab A still shows the first secrets.
    await libs.rotation.replaceUnrevealedKey(rotationId);
    await expect(libs.rotation.confirmSecretsCopied(rotationId, tabA.keyId)).rejects.toMatchObject({ code: "rotation-reveal-stale" });
    expect((await libs.rotation.getRotation(rotationId)).reveal).toMatchObject({ phase: "pending" });
    // Two reveals at once: exactly one gets the secrets.
    const both = await Promise.allSettled([libs.rotation.revealNewSecret(rotationId), libs.rotation.revealNewSecret(rotationId)]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of both) if (r.status === "fulfilled") secretsSeen.push(r.value.secretKey, r.value.passphrase);
    // Confirm and replace at once (two tabs): never both.
    const keyId = (await libs.rotation.getRotation(rotationId)).reveal!.keyId;
    const race = await Promise.allSettled([libs.rotation.confirmSecretsCopied(rotationId, keyId), libs.rotation.replaceUnrevealedKey(rotationId)]);
    const view = await libs.rotation.getRotation(rotationId);
    if (race[0].status === "fulfilled") {
      expect(race[1].status).toBe("rejected");
      expect(view.reveal).toMatchObject({ phase: "confirmed", keyId });
    } else {
      expect(view.reveal).toMatchObject({ phase: "pending" });
    }
    await libs.rotation.abandonRotation(rotationId, { deleteNewKey: true });
  });
});
