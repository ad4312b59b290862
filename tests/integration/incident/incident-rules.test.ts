// The incident's rules, in one process against the simulator: one open incident per consumer, a stale copy cannot
// move it (compare-and-swap like rotations), cancel only before confirmation, and a master key OKX refuses for
// sub-account management (not IP-bound: 50035) turns that key into an okx.com step instead of failing the incident.
import { beforeAll, describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { CALLER_IP, ensureAccount, keyInput, rotationEnv, simKey, type Libs } from "../rotation/support";

let sim: OkxSim;
let libs: Libs;

const env = rotationEnv();

beforeAll(async () => {
  ({ sim, libs } = await env.setup());
  ensureAccount(sim, "9600", [{ subAcct: "rulesub", uid: "9601" }]);
});

describe("incident rules", () => {
  it("one open incident per consumer; a stale copy is refused; cancel only before confirmation", async () => {
    const incident = await import("@/lib/incident");
    const store = await import("@/lib/incident/incident-store");
    const k = simKey(sim, { uid: "9600", perm: "read_only", ip: [CALLER_IP] });
    const id = (await libs.keys.addKey(keyInput(k, { label: "rules reader", purpose: "read", usedBy: "Tracker @ home" }))).id;
    await libs.checks.checkKey(id);

    const first = await incident.openIncident("tracker @ home");
    await expect(incident.openIncident("tracker @ home")).rejects.toMatchObject({ code: "incident-open" });
    const stale = await store.loadIncident(first);
    await incident.cancelIncident(first);
    await expect(store.commitIncident(stale, { to: "revoking", events: [] })).rejects.toMatchObject({ code: "incident-conflict" });
    expect((await incident.getIncident(first)).state).toBe("cancelled");
    await expect(incident.advanceIncident(first)).rejects.toThrow(/cancelled/);

    const second = await incident.openIncident("tracker @ home");
    await incident.advanceIncident(second);
    await expect(incident.cancelIncident(second)).rejects.toThrow(/Only an incident that was not confirmed yet/);
    // The key still works: not gone, secrets kept.
    const inc = await incident.getIncident(second);
    expect(inc.items[0]).toMatchObject({ status: "pending", last: { message: expect.stringMatching(/still works/) } });
    expect((await libs.creds.loadKeyCredentials(id)).secretKey).toBe(k.secretKey);
  });

  it("a master key without an IP allowlist (OKX 50035) turns its sub-account key into an okx.com step; secrets kept", async () => {
    const incident = await import("@/lib/incident");
    const master = simKey(sim, { uid: "9600", perm: "read_only,trade" });
    const masterId = (await libs.keys.addKey(keyInput(master, { label: "unbound master" }))).id;
    const sub = simKey(sim, { uid: "9601", subAcct: "rulesub", perm: "read_only,trade", ip: [CALLER_IP] });
    const subId = (await libs.keys.addKey(keyInput(sub, { label: "rules sub", usedBy: "leaky bot" }), { subAcct: "rulesub", parentKeyId: masterId })).id;
    await libs.checks.checkKey(subId);

    const id = await incident.openIncident("leaky bot");
    expect((await incident.getIncident(id)).items[0].via).toBe("api");
    const r = await incident.advanceIncident(id);
    expect(r).toMatchObject({ state: "revoking", gone: 0, left: 1 });
    const item = (await incident.getIncident(id)).items[0];
    expect(item).toMatchObject({ via: "okx.com", status: "pending" });
    expect(item.fallbackReason).toMatch(/OKX refused the master key “unbound master” \(50035\)/);
    expect(item.steps[0]).toMatch(/Profile → Sub-accounts → 'rulesub' → API/);
    expect(sim.getKey(sub.apiKey)!.deletedAt).toBeFalsy();
    expect((await libs.creds.loadKeyCredentials(subId)).secretKey).toBe(sub.secretKey);

    // The user deletes it on okx.com: the same gone proof finishes it.
    sim.removeKey(sub.apiKey);
    expect(await incident.advanceIncident(id)).toMatchObject({ state: "done", gone: 1 });
    const report = incident.incidentReportMarkdown(await incident.getIncident(id));
    expect(report).toContain("deleted by the owner on okx.com (sub-account rulesub)");
  });

  it("a key revoked in an incident ends its open rotation instead of leaving it waiting on a key OKX no longer knows", async () => {
    const incident = await import("@/lib/incident");
    const k = simKey(sim, { uid: "9600", perm: "read_only,trade", ip: [CALLER_IP] });
    const id = (await libs.keys.addKey(keyInput(k, { label: "rotating bot", usedBy: "rotating app @ vps" }))).id;
    await libs.checks.checkKey(id);
    const { rotationId } = await libs.rotation.startRotation(id);
    const inc = await incident.openIncident("rotating app @ vps");
    sim.removeKey(k.apiKey);
    expect(await incident.advanceIncident(inc)).toMatchObject({ state: "done", gone: 1 });
    const prisma = await libs.dbmod.db();
    const rot = await prisma.rotation.findUnique({ where: { id: rotationId } });
    expect(rot).toMatchObject({ state: "abandoned" });
    expect(rot!.endedAt).not.toBeNull();
    const ev = await prisma.auditEvent.findFirst({ where: { action: "rotation.abandon", keyId: id } });
    expect(JSON.parse(ev!.detail)).toMatchObject({ rotationId, incidentId: inc });
  });
});
