// "A process killed between each pair of steps", for real: every rotation step runs in its own Keywarden process
// (step-runner.ts) that is SIGKILLed right after the step returns — no database close, no vault lock, nothing
// graceful — and the next step runs in a fresh process on what was persisted. One process is also killed in the
// middle of a step (waiting on OKX), and the step is simply run again.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { REPO } from "../../support/killable-step";
import { CALLER_IP, ensureAccount, keyInput, killableFlowEnv, secretsSeen, simKey, type Libs } from "./support";

const RUNNER = path.join(REPO, "tests", "integration", "rotation", "step-runner.ts");

let sim: OkxSim;
let libs: Libs;

/** One step in a new process, SIGKILLed after it returned, or 400 ms into it (`midStep`). */
const { setup, runStep } = killableFlowEnv(RUNNER, 400);
beforeAll(async () => {
  ({ sim, libs } = await setup());
  ensureAccount(sim, "9300", [{ subAcct: "killsub", uid: "9301" }]);
});

async function view(rotationId: string) {
  return (await runStep("show", { rotationId })).result as {
    state: string;
    current: string;
    consumers: { done: boolean }[];
    oldKey: { hasSecrets: boolean };
    newKey: { id: string; hasSecrets: boolean } | null;
  };
}

describe("guided rotation with a real SIGKILL between every pair of steps", () => {
  it("resumes each time from what was committed, and loses neither key", async () => {
    const old = simKey(sim, { uid: "9300", perm: "read_only,trade", ip: [CALLER_IP] });
    const oldId = (await libs.keys.addKey(keyInput(old, { label: "killed bot", usedBy: "bot-a\nbot-b" }))).id;
    await libs.checks.checkKey(oldId);

    const { rotationId } = (await runStep("start", { oldKeyId: oldId })).result as { rotationId: string };
    expect((await view(rotationId)).current).toBe("new-key");

    const fresh = simKey(sim, { uid: "9300", perm: "read_only,trade", ip: [CALLER_IP] });
    await runStep("enter", { rotationId, newKey: fresh });
    let v = await view(rotationId);
    expect(v.current).toBe("verify");
    expect(v).toMatchObject({ oldKey: { hasSecrets: true }, newKey: { hasSecrets: true } });

    // Killed while waiting on OKX inside verify: nothing half-done, and running the step again works.
    sim.faults.latencyMs = 3000;
    const mid = await runStep("verify", { rotationId }, { midStep: true });
    sim.faults.latencyMs = 0;
    expect(mid.killedMidStep).toBe(true);
    v = await view(rotationId);
    expect(v.current).toBe("verify");
    expect(v).toMatchObject({ oldKey: { hasSecrets: true }, newKey: { hasSecrets: true } });
    expect(((await runStep("verify", { rotationId })).result as { ok: boolean }).ok).toBe(true);

    await runStep("switch", { rotationId, index: 0 });
    v = await view(rotationId);
    expect(v.current).toBe("switch");
    expect(v.consumers.map((c) => c.done)).toEqual([true, false]);
    await runStep("switch", { rotationId, index: 1 });
    await runStep("confirm-switched", { rotationId });
    expect((await view(rotationId)).current).toBe("revoke");

    // The old key still works on OKX: not done, and the old secrets are kept.
    expect(((await runStep("revoke", { rotationId })).result as { done: boolean }).done).toBe(false);
    expect((await view(rotationId)).oldKey.hasSecrets).toBe(true);
    sim.removeKey(old.apiKey);
    expect(((await runStep("revoke", { rotationId })).result as { done: boolean }).done).toBe(true);
    v = await view(rotationId);
    expect(v).toMatchObject({ state: "done", oldKey: { hasSecrets: false }, newKey: { hasSecrets: true } });

    // The test process (another connection all along) sees the same, and no secret reached the audit log.
    const creds = await libs.creds.loadKeyCredentials(v.newKey!.id);
    expect(creds.secretKey).toBe(fresh.secretKey);
    const events = JSON.stringify(await (await libs.dbmod.db()).auditEvent.findMany());
    for (const s of secretsSeen) expect(events).not.toContain(s);
  }, 120_000);
});

describe("automated rotation with a real SIGKILL between every pair of steps", () => {
  it("keeps the one-time reveal across a kill, and ends with the old key deleted on OKX", async () => {
    const master = simKey(sim, { uid: "9300", perm: "read_only,trade", ip: [CALLER_IP] });
    const masterId = (await libs.keys.addKey(keyInput(master, { label: "kill master" }))).id;
    const old = simKey(sim, { uid: "9301", subAcct: "killsub", perm: "read_only,trade", ip: [CALLER_IP] });
    const oldId = (
      await libs.keys.addKey(keyInput(old, { label: "kill sub bot", usedBy: "bot @ 203.0.113.10" }), { subAcct: "killsub", parentKeyId: masterId })
    ).id;
    await libs.checks.checkKey(oldId);

    const { rotationId, mode } = (await runStep("start", { oldKeyId: oldId })).result as { rotationId: string; mode: string };
    expect(mode).toBe("automated");
    await runStep("create", { rotationId });
    // Killed after the new key was created and stored, before the user saw its secret: still revealable.
    let v = (await runStep("show", { rotationId })).result as {
      state: string;
      revealPending: boolean;
      oldKey: { hasSecrets: boolean };
      newKey: { hasSecrets: boolean } | null;
    };
    expect(v).toMatchObject({ state: "new_key_stored", revealPending: true, oldKey: { hasSecrets: true }, newKey: { hasSecrets: true } });
    const shown = (await runStep("reveal", { rotationId })).result as { keyId: string; secretKey: string; passphrase: string };
    secretsSeen.push(shown.secretKey, shown.passphrase);
    expect(sim.liveKeys().some((k) => k.secretKey === shown.secretKey)).toBe(true);
    await runStep("confirm-copied", { rotationId, keyId: shown.keyId });

    expect(((await runStep("verify", { rotationId })).result as { ok: boolean }).ok).toBe(true);
    await runStep("switch", { rotationId, index: 0 });
    await runStep("confirm-switched", { rotationId });
    expect(((await runStep("delete-old", { rotationId })).result as { done: boolean }).done).toBe(true);
    v = (await runStep("show", { rotationId })).result as typeof v;
    expect(v).toMatchObject({ state: "done", oldKey: { hasSecrets: false }, newKey: { hasSecrets: true } });
    expect(sim.getKey(old.apiKey)).toMatchObject({ deletedReason: "api" });
  }, 120_000);
});
