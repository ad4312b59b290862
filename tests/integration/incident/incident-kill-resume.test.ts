// "This app was compromised" across three keys, for real: one sub-account key deleted through its master key by the
// API, two master-account keys the user deletes on okx.com (the simulator removes them) and Keywarden verifies gone.
// Every step runs in its own process that is SIGKILLed afterwards, and one is killed in the middle of deleting, so
// each step resumes from the stored incident on fresh module state. The report's content is asserted.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { REPO } from "../../support/killable-step";
import { CALLER_IP, ensureAccount, keyInput, killableFlowEnv, secretsSeen, simKey, type Libs } from "../rotation/support";

const RUNNER = path.join(REPO, "tests", "integration", "incident", "incident-runner.ts");

let sim: OkxSim;
let libs: Libs;

/** One step in a new process, SIGKILLed after it returned, or 1500 ms into it (`midStep`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the step runner's JSON, shaped by whichever step ran
const { setup, runStep } = killableFlowEnv<any>(RUNNER, 1500);
beforeAll(async () => {
  ({ sim, libs } = await setup());
  ensureAccount(sim, "9400", [{ subAcct: "incsub", uid: "9401" }]);
});

const show = async (incidentId: string) => (await runStep("show", { incidentId })).result;

describe("incident: a compromised app's three keys, with a kill in the middle", () => {
  it("deletes the sub-account key through the master, verifies the two master keys gone, and reports it", async () => {
    // The master key that manages the sub-account: used by another app, not by the compromised one.
    const master = simKey(sim, { uid: "9400", perm: "read_only,trade", ip: [CALLER_IP] });
    const masterId = (await libs.keys.addKey(keyInput(master, { label: "ops master", usedBy: "ops desk" }))).id;
    const sub = simKey(sim, { uid: "9401", subAcct: "incsub", perm: "read_only,trade", ip: [CALLER_IP] });
    const subId = (await libs.keys.addKey(keyInput(sub, { label: "3c sub bot", usedBy: "3Commas @ cloud" }), { subAcct: "incsub", parentKeyId: masterId })).id;
    const withdraw = simKey(sim, { uid: "9400", perm: "read_only,trade,withdraw", ip: [CALLER_IP] });
    const withdrawId = (await libs.keys.addKey(keyInput(withdraw, { label: "3c withdraw", purpose: "withdraw", usedBy: "3commas  @ Cloud\nkoinly" }))).id;
    const reader = simKey(sim, { uid: "9400", perm: "read_only", ip: [CALLER_IP] });
    const readerId = (await libs.keys.addKey(keyInput(reader, { label: "3c reader", purpose: "read", usedBy: "3COMMAS @ cloud" }))).id;
    // Each key answered on its host once: that is what makes a later 50119 there a proof.
    for (const id of [masterId, subId, withdrawId, readerId]) expect((await libs.checks.checkKey(id)).outcome).toBe("ok");

    const { listConsumers } = await import("@/lib/consumers/consumer-directory");
    const consumers = await listConsumers();
    const three = consumers.find((c) => c.id === "3commas @ cloud")!;
    expect(three.keys.map((k) => k.label)).toEqual(["3c withdraw", "3c sub bot", "3c reader"]);
    expect(three.topPerm).toBe("withdraw");
    expect(consumers.find((c) => c.id === "koinly")!.keys.map((k) => k.label)).toEqual(["3c withdraw"]);

    const { incidentId } = (await runStep("open", { consumerId: three.id })).result;
    let inc = await show(incidentId);
    expect(inc.state).toBe("planned");
    expect(inc.items.map((i: { label: string; via: string; status: string }) => [i.label, i.via, i.status])).toEqual([
      ["3c withdraw", "okx.com", "pending"],
      ["3c sub bot", "api", "pending"],
      ["3c reader", "okx.com", "pending"],
    ]);
    expect(sim.getKey(sub.apiKey)!.deletedAt).toBeFalsy();

    // Confirmed, then killed while the delete is on its way to OKX (every reply now takes 3 s).
    sim.faults.latencyMs = 3000;
    const mid = await runStep("advance", { incidentId }, { midStep: true });
    sim.faults.latencyMs = 0;
    expect(mid.killedMidStep).toBe(true);
    inc = await show(incidentId);
    expect(inc.state).toBe("revoking");
    expect(inc.confirmedAt).toBeTruthy();
    expect(inc.items[1].status).toBe("deleting");

    // A fresh process continues from the stored intent: the sub-account key is deleted once, through the master key.
    let res = (await runStep("advance", { incidentId })).result;
    expect(res).toMatchObject({ state: "revoking", gone: 1, left: 2 });
    expect(sim.getKey(sub.apiKey)).toMatchObject({ deletedReason: "api" });
    inc = await show(incidentId);
    expect(inc.items.map((i: { label: string; via: string; status: string }) => i.status)).toEqual(["pending", "gone", "pending"]);
    expect(inc.items[0].last.message).toMatch(/still works/);
    const prisma = await libs.dbmod.db();
    expect(await prisma.apiKey.findUnique({ where: { id: subId }, select: { status: true, secretEnc: true, passphraseEnc: true } })).toEqual({
      status: "retired",
      secretEnc: null,
      passphraseEnc: null,
    });
    expect((await prisma.apiKey.findUnique({ where: { id: withdrawId }, select: { secretEnc: true } }))!.secretEnc).not.toBeNull();

    let report = (await runStep("report", { incidentId })).result.markdown as string;
    expect(report).toContain("## What is left");
    expect(report).toMatch(/### 3c withdraw \(.+\): waiting for you to delete it on okx\.com/);
    expect(report).toContain("okx.com, open Profile → API");

    // The user deletes both master-account keys on okx.com; a new process verifies them gone and finishes.
    sim.removeKey(withdraw.apiKey);
    sim.removeKey(reader.apiKey);
    res = (await runStep("advance", { incidentId })).result;
    expect(res).toMatchObject({ state: "done", gone: 3, left: 0 });
    for (const id of [withdrawId, readerId]) {
      expect(await prisma.apiKey.findUnique({ where: { id }, select: { status: true, secretEnc: true, passphraseEnc: true } })).toEqual({
        status: "retired",
        secretEnc: null,
        passphraseEnc: null,
      });
    }
    // The master key that did the deleting was not part of the incident: it keeps working.
    expect(await prisma.apiKey.findUnique({ where: { id: masterId }, select: { status: true } })).toEqual({ status: "active" });

    report = (await runStep("report", { incidentId })).result.markdown as string;
    expect(report).toMatch(/^# Incident report: “3commas @ cloud” was compromised/i);
    expect(report).toContain("Status: finished: every key is verified gone");
    expect(report).toContain("Keys held: 3 · verified gone: 3 · left: 0");
    const rows = report.split("\n").filter((l) => /^\| \d /.test(l));
    expect(rows.map((r) => r.split(" | ")[1])).toEqual(["3c withdraw", "3c sub bot", "3c reader"]);
    expect(rows[0]).toContain("Read + Trade + Withdraw");
    expect(rows[1]).toContain("deleted through master key “ops master” (sub-account incsub)");
    expect(rows[2]).toContain("deleted by the owner on okx.com");
    for (const r of rows)
      expect(r).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC \| \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC \| verified gone; secrets destroyed \|$/);
    expect(report).toContain("deleted through the master key; gone from the sub-account listing; its host answered 50119 (OKX code 50119)");
    expect(report).toContain("its host, which answered for it before, answered 50119");
    expect(report).toContain("Nothing: every key this app held is verified gone on OKX.");
    for (const s of [...secretsSeen, sub.apiKey, withdraw.apiKey, reader.apiKey]) expect(report).not.toContain(s);

    // Every step is in the audit log, in words, and no secret is.
    const events = await prisma.auditEvent.findMany({ where: { action: { startsWith: "incident." } }, orderBy: { id: "asc" } });
    const actions = events.map((e) => e.action);
    expect(actions[0]).toBe("incident.open");
    expect(actions).toContain("incident.confirm");
    expect(actions.filter((a) => a === "incident.key-delete-intent")).toHaveLength(1);
    expect(actions.filter((a) => a === "incident.key-deleted")).toHaveLength(1);
    expect(actions.filter((a) => a === "incident.key-gone")).toHaveLength(3);
    expect(actions.at(-1)).toBe("incident.done");
    const raw = JSON.stringify(await prisma.auditEvent.findMany());
    for (const s of secretsSeen) expect(raw).not.toContain(s);
  }, 180_000);
});
