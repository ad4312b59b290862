// Guided rotation of master-account keys against the OKX simulator: refusals with exact reasons, the one
// permitted override, an old key that is still alive, abandon, and the audit trail (without secrets).
import { beforeAll, describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { CALLER_IP, auditActions, keyInput, secretsSeen, rotationEnv, simKey, ensureAccount, type Libs } from "./support";

let sim: OkxSim;
let libs: Libs;
const UID = "7100";

const env = rotationEnv();
beforeAll(async () => {
  ({ sim, libs } = await env.setup());
  ensureAccount(sim, UID);
  ensureAccount(sim, "7200");
});

describe("guided rotation", () => {
  let oldId: string;
  let oldSim: ReturnType<typeof simKey>;
  let rotationId: string;

  it("plans the narrowest permissions, IP advice, label and consumers", async () => {
    oldSim = simKey(sim, { uid: UID, perm: "read_only,trade", ip: [CALLER_IP, "198.51.100.7"] });
    const old = await libs.keys.addKey(keyInput(oldSim, { label: "grid bot", usedBy: "freqtrade @ 198.51.100.7\ntax sheet" }));
    oldId = old.id;
    expect((await libs.checks.checkKey(oldId)).outcome).toBe("ok");
    const plan = await libs.rotation.previewPlan(oldId);
    expect(plan).toMatchObject({ mode: "guided", targetPerms: ["read_only", "trade"], oldIps: [CALLER_IP, "198.51.100.7"], ipRequired: true });
    expect(plan.newLabel).toMatch(/^grid bot \(rotated \d{4}-\d{2}\)$/);
    expect(plan.ipAdvice).toContain("198.51.100.7");
    expect(plan.instructions.join(" ")).toMatch(/Profile → API/);
    const started = await libs.rotation.startRotation(oldId);
    rotationId = started.rotationId;
    expect(started.mode).toBe("guided");
    const view = await libs.rotation.getRotation(rotationId);
    expect(view.state).toBe("planned");
    expect(view.consumers.map((c) => c.name)).toEqual(["freqtrade", "tax sheet"]);
    expect(view.steps.find((s) => s.status === "current")?.id).toBe("new-key");
  });

  it("refuses a second open rotation and illegal steps with a clear message", async () => {
    await expect(libs.rotation.startRotation(oldId)).rejects.toMatchObject({ code: "rotation-open" });
    await expect(libs.rotation.confirmConsumersSwitched(rotationId)).rejects.toMatchObject({
      code: "rotation-illegal",
      userMessage: expect.stringMatching(/not possible now/),
    });
    await expect(libs.rotation.confirmOldKeyRevoked(rotationId)).rejects.toMatchObject({ code: "rotation-illegal" });
    await expect(libs.rotation.verifyRotation(rotationId)).rejects.toMatchObject({ code: "rotation-illegal" });
  });

  it("stores the new key with the old key's metadata (both visible) and refuses more than the purpose needs", async () => {
    const withdraw = simKey(sim, { uid: UID, perm: "read_only,trade,withdraw", ip: [CALLER_IP] });
    await expect(libs.rotation.enterNewKey(rotationId, { ...withdraw, secretKey: "" })).rejects.toMatchObject({
      fieldErrors: { secretKey: [expect.any(String)] },
    });
    await libs.rotation.enterNewKey(rotationId, withdraw);
    const view = await libs.rotation.getRotation(rotationId);
    expect(view.state).toBe("new_key_stored");
    const listed = await libs.keys.listKeys();
    expect(listed.map((k) => k.label)).toEqual(expect.arrayContaining(["grid bot", view.newKey!.label]));
    const newKey = await libs.keys.getKey(view.newKey!.id);
    expect(newKey).toMatchObject({ purpose: "trade", status: "active", region: "global" });
    expect(newKey.consumers).toEqual([{ name: "freqtrade", host: "198.51.100.7" }, { name: "tax sheet" }]);

    const r = await libs.rotation.verifyRotation(rotationId);
    expect(r.ok).toBe(false);
    expect(r.refusals.map((x) => x.code)).toContain("more-than-purpose");
    expect(r.refusals.find((x) => x.code === "more-than-purpose")!.message).toMatch(/Withdraw/);
    expect(r.canOverride).toBe(false);
    const forced = await libs.rotation.verifyRotation(rotationId, { override: true });
    expect(forced.ok).toBe(false);
    expect((await libs.rotation.getRotation(rotationId)).state).toBe("new_key_stored");
  });

  it("refuses a new key on another account, even with override", async () => {
    const other = simKey(sim, { uid: "7200", perm: "read_only,trade", ip: [CALLER_IP] });
    await libs.rotation.replaceNewKey(rotationId, other);
    const r = await libs.rotation.verifyRotation(rotationId, { override: true });
    expect(r.ok).toBe(false);
    expect(r.refusals).toEqual([
      expect.objectContaining({ code: "other-account", overridable: false, message: expect.stringMatching(/another OKX account.*7200.*7100/) }),
    ]);
  });

  it("refuses an unbound trade key and shows OKX's advice for a bad secret; the step can be retried", async () => {
    const unbound = simKey(sim, { uid: UID, perm: "read_only,trade" });
    await libs.rotation.replaceNewKey(rotationId, unbound);
    let r = await libs.rotation.verifyRotation(rotationId);
    expect(r.refusals.map((x) => x.code)).toEqual(["ip-not-bound"]);
    const good = simKey(sim, { uid: UID, perm: "read_only,trade", ip: [CALLER_IP] });
    await libs.rotation.replaceNewKey(rotationId, { ...good, secretKey: "0".repeat(32) });
    r = await libs.rotation.verifyRotation(rotationId);
    expect(r.refusals[0]).toMatchObject({ code: "not-reached", message: expect.stringMatching(/50113.*secret key is wrong/) });
    await libs.rotation.replaceNewKey(rotationId, good);
    r = await libs.rotation.verifyRotation(rotationId);
    expect(r).toMatchObject({ ok: true, overridden: false });
    expect((await libs.rotation.getRotation(rotationId)).state).toBe("verified");
  });

  it("switches consumers one by one (persisted), then waits while the old key still works", async () => {
    await expect(libs.rotation.confirmConsumersSwitched(rotationId)).rejects.toMatchObject({
      code: "rotation-consumers-left",
      userMessage: expect.stringMatching(/freqtrade, tax sheet/),
    });
    await libs.rotation.setConsumerSwitched(rotationId, 0, true);
    expect((await libs.rotation.getRotation(rotationId)).consumers.map((c) => c.done)).toEqual([true, false]);
    await libs.rotation.setConsumerSwitched(rotationId, 1, true);
    await libs.rotation.confirmConsumersSwitched(rotationId);
    const still = await libs.rotation.confirmOldKeyRevoked(rotationId);
    expect(still).toMatchObject({ done: false, message: expect.stringMatching(/still works/) });
    const view = await libs.rotation.getRotation(rotationId);
    expect(view.state).toBe("switched");
    expect(view.oldKey.hasSecrets).toBe(true);
  });

  it("refuses to point the old key at another region mid-rotation", async () => {
    const key = await libs.keys.getKey(oldId);
    const back = {
      label: key.label,
      region: key.region,
      demo: key.demo,
      purpose: key.purpose,
      usedBy: "freqtrade @ 198.51.100.7\ntax sheet",
      createdOn: key.createdOn,
      notes: key.notes,
    };
    await expect(libs.keys.updateKeyMetadata(oldId, { ...back, region: "eea" })).rejects.toMatchObject({ code: "rotation-open" });
    await expect(libs.keys.deleteKey(oldId, key.label)).rejects.toMatchObject({ code: "rotation-open" });
    const newKeyId = (await libs.rotation.getRotation(rotationId)).newKey!.id;
    const other = simKey(sim, { uid: UID, perm: "read_only", ip: [CALLER_IP] });
    await expect(libs.keys.replaceSecrets(newKeyId, other)).rejects.toMatchObject({ code: "rotation-open" });
    // Notes and consumers stay editable.
    await libs.keys.updateKeyMetadata(oldId, { ...back, notes: "rotating" });
    await libs.keys.updateKeyMetadata(oldId, back);
    expect(await libs.rotation.getRotation(rotationId)).toMatchObject({ state: "switched", oldKey: { hasSecrets: true } });
  });

  it("finishes when the host that answered for the old key says 50119 (deleted on okx.com): dead-key, retired, secrets destroyed", async () => {
    sim.removeKey(oldSim.apiKey);
    // Before the wizard asks: a check now gets 50119 from the host that answered before, which the audit calls deleted.
    const check = await libs.checks.checkKey(oldId);
    expect(check).toMatchObject({ outcome: "auth_error", code: "50119", region: "global", demo: false, host: null });
    const report = await libs.reports.loadVaultReport({ now: new Date() });
    const dead = report.keys.find((k) => k.key.id === oldId)!.audit.findings.filter((f) => f.rule === "dead-key");
    expect(dead).toEqual([expect.objectContaining({ severity: "critical", title: expect.stringMatching(/no longer exists \(50119\).*deleted/) })]);
    const res = await libs.rotation.confirmOldKeyRevoked(rotationId);
    expect(res).toMatchObject({ done: true, message: expect.stringMatching(/50119/) });
    const view = await libs.rotation.getRotation(rotationId);
    expect(view).toMatchObject({ state: "done", oldKey: { status: "retired", hasSecrets: false } });
    expect(view.steps.every((s) => s.status === "done")).toBe(true);
    const prisma = await libs.dbmod.db();
    const row = await prisma.apiKey.findUnique({ where: { id: oldId } });
    expect(row).toMatchObject({ status: "retired", secretEnc: null, passphraseEnc: null });
    await expect(libs.creds.loadKeyCredentials(oldId)).rejects.toMatchObject({ code: "no-secrets" });
    await expect(libs.rotation.abandonRotation(rotationId)).rejects.toMatchObject({ code: "rotation-illegal" });
    const newKey = await libs.keys.getKey(view.newKey!.id);
    expect(newKey).toMatchObject({ status: "active", hasSecrets: true });
  });

  it("allows an override (logged) only for more permission than the old key, within the purpose", async () => {
    const narrow = simKey(sim, { uid: UID, perm: "read_only", ip: [CALLER_IP] });
    const old = await libs.keys.addKey(keyInput(narrow, { label: "narrow bot", purpose: "trade" }));
    await libs.checks.checkKey(old.id);
    const { rotationId: id } = await libs.rotation.startRotation(old.id);
    expect((await libs.rotation.getRotation(id)).plan.targetPerms).toEqual(["read_only"]);
    const wider = simKey(sim, { uid: UID, perm: "read_only,trade", ip: [CALLER_IP] });
    await libs.rotation.enterNewKey(id, wider);
    const refused = await libs.rotation.verifyRotation(id);
    expect(refused).toMatchObject({ ok: false, canOverride: true });
    expect(refused.refusals).toEqual([expect.objectContaining({ code: "more-than-old", overridable: true, message: expect.stringMatching(/Trade/) })]);
    expect((await libs.rotation.getRotation(id)).canOverride).toBe(true);
    expect((await libs.rotation.getRotation(id)).overrideReasons).toEqual(["more permission than the old key"]);
    const ok = await libs.rotation.verifyRotation(id, { override: true });
    expect(ok).toMatchObject({ ok: true, overridden: true });
    const { actions } = await auditActions(libs);
    expect(actions).toContain("rotation.override");
    // The log names what the user accepted, not just the refusal code.
    const event = await (await libs.dbmod.db()).auditEvent.findFirst({ where: { action: "rotation.override" }, orderBy: { id: "desc" } });
    expect(JSON.parse(event!.detail)).toMatchObject({ waived: ["more-than-old"], accepted: ["more permission than the old key"] });
  });

  it("abandons at any step: old key stays stored and working, the new key is kept and marked (or deleted on request)", async () => {
    const k = simKey(sim, { uid: UID, perm: "read_only", ip: [CALLER_IP] });
    const old = await libs.keys.addKey(keyInput(k, { label: "reader", purpose: "read" }));
    await libs.checks.checkKey(old.id);
    const first = await libs.rotation.startRotation(old.id);
    await libs.rotation.abandonRotation(first.rotationId);
    expect((await libs.rotation.getRotation(first.rotationId)).abandon).toMatchObject({ newKey: "none" });

    const second = await libs.rotation.startRotation(old.id);
    const fresh = simKey(sim, { uid: UID, perm: "read_only", ip: [CALLER_IP] });
    await libs.rotation.enterNewKey(second.rotationId, fresh);
    const newId = (await libs.rotation.getRotation(second.rotationId)).newKey!.id;
    await libs.rotation.abandonRotation(second.rotationId);
    expect((await libs.keys.getKey(newId)).notes).toMatch(/abandoned rotation of “reader”/);
    expect(await libs.creds.loadKeyCredentials(old.id)).toMatchObject({ secretKey: k.secretKey });
    expect((await libs.checks.checkKey(old.id)).outcome).toBe("ok");

    const third = await libs.rotation.startRotation(old.id);
    const another = simKey(sim, { uid: UID, perm: "read_only", ip: [CALLER_IP] });
    await libs.rotation.enterNewKey(third.rotationId, { ...another, label: "reader v3" });
    const thirdNew = (await libs.rotation.getRotation(third.rotationId)).newKey!.id;
    await libs.rotation.abandonRotation(third.rotationId, { deleteNewKey: true });
    await expect(libs.keys.getKey(thirdNew)).rejects.toMatchObject({ code: "not-found" });
    expect((await libs.keys.getKey(old.id)).hasSecrets).toBe(true);
  });

  it("a 50119 from a host that never knew the old key destroys nothing (an EEA key stored as Global)", async () => {
    // The key answered on EEA, then its region was edited to Global by mistake and a rotation started.
    const eeaUid = "7300";
    ensureAccount(sim, eeaUid);
    const eeaOld = simKey(sim, { uid: eeaUid, perm: "read_only,trade", ip: [CALLER_IP], region: "eea" });
    const id = (await libs.keys.addKey({ ...keyInput(eeaOld, { label: "eu bot", usedBy: "dca bot" }), region: "eea" })).id;
    expect(await libs.checks.checkKey(id)).toMatchObject({ outcome: "ok", region: "eea" });
    const key = await libs.keys.getKey(id);
    await libs.keys.updateKeyMetadata(id, {
      label: key.label,
      region: "global",
      demo: false,
      purpose: key.purpose,
      usedBy: "dca bot",
      createdOn: key.createdOn,
      notes: "",
    });
    const { rotationId: rid } = await libs.rotation.startRotation(id);
    await libs.rotation.enterNewKey(rid, simKey(sim, { uid: eeaUid, perm: "read_only,trade", ip: [CALLER_IP] }));
    expect((await libs.rotation.verifyRotation(rid)).ok).toBe(true);
    await libs.rotation.setConsumerSwitched(rid, 0, true);
    await libs.rotation.confirmConsumersSwitched(rid);
    const res = await libs.rotation.confirmOldKeyRevoked(rid);
    // Entity detection asks the other hosts on that 50119 and EEA answers: the old key is alive, so nothing is destroyed.
    expect(res).toMatchObject({ done: false, message: expect.stringMatching(/old key still works/) });
    expect(await libs.rotation.getRotation(rid)).toMatchObject({ state: "switched", oldKey: { hasSecrets: true, status: "active" } });
    expect(sim.getKey(eeaOld.apiKey)?.deletedAt).toBeUndefined();
    // The audit does not call it dead either: another entity's host knows it.
    const findings = (await libs.reports.loadVaultReport({ now: new Date() })).keys.find((k) => k.key.id === id)!.audit.findings;
    expect(findings.filter((f) => f.rule === "dead-key")).toEqual([]);
    await libs.rotation.abandonRotation(rid);
  });

  it("logs every step as rotation.<step>, with no secret anywhere in the log", async () => {
    const { actions, raw } = await auditActions(libs);
    for (const a of [
      "rotation.start",
      "rotation.new-key-intent",
      "rotation.new-key",
      "rotation.verify-refused",
      "rotation.new-key-replaced",
      "rotation.verify",
      "rotation.consumer-switched",
      "rotation.consumers-done",
      "rotation.revoke-not-yet",
      "rotation.revoke-confirmed",
      "rotation.done",
      "key.retire",
      "rotation.abandon",
    ]) {
      expect(actions).toContain(a);
    }
    for (const s of secretsSeen) expect(raw).not.toContain(s);
    const prisma = await libs.dbmod.db();
    const rotations = JSON.stringify(await prisma.rotation.findMany());
    for (const s of secretsSeen) expect(rotations).not.toContain(s);
  });
});
