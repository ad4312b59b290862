// Entity detection end to end: real SQLite file, real vault, real HTTP to the three-entity OKX simulator (one port
// per entity, each knowing only its own keys). A key stored under the wrong entity or environment is found where
// OKX knows it, its region / demo flag follow (audit event from → to), and nothing is concluded while an entity
// cannot be asked.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastClient, integrationEnv } from "../../support/integration-env";
import type { OkxSim } from "../../okx-sim";
import { CALLER_IP, addSimKey } from "../okx/sim-fixtures";
import type { OkxCredentials } from "@/lib/okx/types";

const MASTER = "copper-violin-tundra-57";
const env = integrationEnv({ prefix: "kw-detect-", sim: { callerIp: CALLER_IP }, vault: MASTER, client: fastClient });
let sim: OkxSim;
let checks: typeof import("@/lib/checks");
let added: typeof import("@/lib/checks/add-and-check");
let detectionLog: typeof import("@/lib/checks/detection-log");
let dbmod: typeof import("@/lib/db/client");
let okx: typeof import("@/lib/okx");
let hanging: http.Server;
let hangingUrl: string;

beforeAll(async () => {
  sim = env.sim;
  dbmod = await import("@/lib/db/client");
  checks = await import("@/lib/checks");
  added = await import("@/lib/checks/add-and-check");
  detectionLog = await import("@/lib/checks/detection-log");
  okx = await import("@/lib/okx");
  // An entity that accepts connections and never answers.
  hanging = http.createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
  hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
});
afterAll(async () => {
  hanging.closeAllConnections();
  hanging.close();
});

let n = 0;
function addInput(creds: OkxCredentials, region: string, extra: { demo?: boolean; host?: string } = {}) {
  return {
    label: `detect ${++n}`,
    region,
    host: extra.host ?? "",
    demo: extra.demo ?? false,
    purpose: "trade",
    usedBy: "",
    createdOn: "2026-01-10",
    notes: "",
    apiKey: creds.apiKey,
    secretKey: creds.secretKey,
    passphrase: creds.passphrase,
  };
}

async function keyRow(id: string) {
  return (await dbmod.db()).apiKey.findUniqueOrThrow({ where: { id }, select: { region: true, demo: true, host: true } });
}

async function detectEvents(id: string) {
  const rows = await (await dbmod.db()).auditEvent.findMany({ where: { keyId: id, action: "key.detect_entity" }, orderBy: { id: "asc" } });
  return rows.map((r) => JSON.parse(r.detail) as Record<string, unknown>);
}

describe("entity detection on add", () => {
  it("an EEA key added with detect is found on EEA: region updated, audit event from → to, EEA's answer stored", async () => {
    const creds = addSimKey(sim, { uid: "7100", region: "eea", perm: "read_only,trade", ip: [CALLER_IP] });
    const r = await added.addAndCheckKey(addInput(creds, "detect"));
    expect(r.key).toMatchObject({ region: "eea", demo: false, host: null });
    expect(r.check).toMatchObject({
      outcome: "ok",
      code: "0",
      region: "eea",
      demo: false,
      host: null,
      notFoundAnywhere: false,
      perm: ["read_only", "trade"],
      ip: [CALLER_IP],
    });
    expect(r.check?.detection).toMatchObject({
      result: "found",
      applied: true,
      suggested: false,
      from: { region: "global", demo: false, host: null },
      to: { region: "eea", demo: false, host: null },
    });
    expect(await keyRow(r.key.id)).toEqual({ region: "eea", demo: false, host: null });
    const [event] = await detectEvents(r.key.id);
    expect(event).toMatchObject({ trigger: "50119", result: "found", applied: true, from: { region: "global" }, to: { region: "eea" }, checkId: r.check!.id });
    // The next check goes straight to EEA: one account/config request, no probing.
    sim.resetCalls();
    expect(await checks.checkKey(r.key.id)).toMatchObject({ outcome: "ok", region: "eea", detection: null });
    expect(sim.calls.filter((c) => c.path === "/api/v5/account/config").map((c) => c.region)).toEqual(["eea"]);
  });

  it("an EEA key added as global is found on EEA too, and the words say so", async () => {
    const creds = addSimKey(sim, { uid: "7101", region: "eea" });
    const r = await added.addAndCheckKey(addInput(creds, "global"));
    expect(r.key.region).toBe("eea");
    expect(r.check?.detection).toMatchObject({ result: "found", applied: true, to: { region: "eea" } });
    const { describeDetection } = await import("@/lib/checks/detection-advice");
    expect(describeDetection(r.check!.detection!)).toBe("Found on EEA, eea.okx.com: region updated (was Global, www.okx.com, live).");
  });

  it("a demo key stored as live is found in demo on its own entity (50101 → the other environment first)", async () => {
    const creds = addSimKey(sim, { uid: "7102", region: "us", demo: true, perm: "read_only,trade" });
    sim.resetCalls();
    const r = await added.addAndCheckKey(addInput(creds, "us"));
    expect(r.key).toMatchObject({ region: "us", demo: true });
    expect(r.check).toMatchObject({ outcome: "ok", region: "us", demo: true });
    expect(r.check?.detection).toMatchObject({ trigger: "50101", result: "found", applied: true, to: { region: "us", demo: true } });
    // Stored host, then the same host in demo: two requests, not six.
    expect(sim.calls.filter((c) => c.path === "/api/v5/account/config").length).toBe(2);
  });

  it("a key no entity knows is stored with notFoundAnywhere, and its region and demo flag stay", async () => {
    const creds: OkxCredentials = {
      apiKey: "9b7c1d2e-0000-4000-8000-00000000dead",
      secretKey: "0123456789ABCDEF0123456789ABCDEF",
      passphrase: "Nobody-knows-1",
      region: "global",
      demo: false,
    };
    const r = await added.addAndCheckKey(addInput(creds, "detect"));
    expect(r.key).toMatchObject({ region: "global", demo: false });
    if (r.check?.code === "50111") {
      // The simulator before it followed okx-api.md answered unknown keys 50111 (malformed), which starts no detection.
      expect(r.check).toMatchObject({ notFoundAnywhere: false, detection: null });
      return;
    }
    expect(r.check).toMatchObject({ outcome: "auth_error", code: "50119", region: "global", demo: false, notFoundAnywhere: true });
    expect(r.check?.detection?.result).toBe("not_found");
    // Every other entity and environment was asked: 5 probes.
    expect(r.check?.detection?.probes).toHaveLength(5);
    expect(r.check?.detection?.probes.every((p) => p.verdict === "absent")).toBe(true);
  });

  it("a wrong passphrase on EEA still proves the key lives there (50105 is an answer about the key)", async () => {
    const creds = addSimKey(sim, { uid: "7103", region: "eea" });
    const r = await added.addAndCheckKey(addInput({ ...creds, passphrase: "Wrong-passphrase-9" }, "detect"));
    expect(r.key.region).toBe("eea");
    expect(r.check).toMatchObject({ outcome: "auth_error", code: "50105", region: "eea", notFoundAnywhere: false });
  });
});

describe("one entity that cannot be asked changes nothing", () => {
  for (const [what, eea] of [
    ["a closed port", () => "http://127.0.0.1:9"],
    ["a host that never answers", () => hangingUrl],
  ] as const) {
    it(`EEA on ${what}: region and demo flag unchanged, notFoundAnywhere false, the stored host's answer kept`, async () => {
      const creds = addSimKey(sim, { uid: `72${++n}`, region: "eea" });
      const client = new okx.OkxClient({
        env: { OKX_API_BASE_URL: `global=${sim.urls.global},eea=${eea()},us=${sim.urls.us}` },
        backoffBaseMs: 5,
        timeoutMs: 400,
      });
      const r = await added.addAndCheckKey(addInput(creds, "detect"), { client });
      expect(await keyRow(r.key.id)).toEqual({ region: "global", demo: false, host: null });
      expect(r.check).toMatchObject({ outcome: "auth_error", code: "50119", region: "global", notFoundAnywhere: false });
      expect(r.check?.detection?.result).toBe("inconclusive");
      const [event] = await detectEvents(r.key.id);
      expect(event).toMatchObject({ result: "inconclusive", applied: false });
      const { describeDetection } = await import("@/lib/checks/detection-advice");
      expect(describeDetection(r.check!.detection!)).toMatch(/EEA live: could not reach OKX.*unchanged/);
      // Once EEA answers again, the next check finds it.
      expect(await checks.checkKey(r.key.id)).toMatchObject({ outcome: "ok", region: "eea" });
      expect((await keyRow(r.key.id)).region).toBe("eea");
    });
  }
});

describe("a host the user entered", () => {
  it("is never replaced silently: the change is suggested, and applied only when the user says so", async () => {
    const creds = addSimKey(sim, { uid: "7300", region: "eea" });
    const r = await added.addAndCheckKey(addInput(creds, "global", { host: "https://openapi.okx.com" }));
    expect(await keyRow(r.key.id)).toEqual({ region: "global", demo: false, host: "https://openapi.okx.com" });
    // The answer that proves the key is stored, with where it came from.
    expect(r.check).toMatchObject({ outcome: "ok", region: "eea", host: null });
    expect(r.check?.detection).toMatchObject({ result: "found", applied: false, suggested: true, to: { region: "eea", host: null } });
    const latest = await detectionLog.latestDetection(r.key.id);
    expect(latest).toMatchObject({ suggested: true, checkId: r.check!.id });
    const applied = await detectionLog.applySuggestedEntity(r.key.id);
    expect(applied).toMatchObject({ region: "eea", host: null });
    const ev = await (await dbmod.db()).auditEvent.findFirstOrThrow({ where: { keyId: r.key.id, action: "key.apply_entity" } });
    expect(JSON.parse(ev.detail)).toMatchObject({ from: { region: "global", host: "https://openapi.okx.com" }, to: { region: "eea", host: null } });
    // Nothing left to apply.
    await expect(detectionLog.applySuggestedEntity(r.key.id)).rejects.toMatchObject({ code: "no-suggestion" });
  });

  it("keeps the user's host when only the environment was wrong", async () => {
    const creds = addSimKey(sim, { uid: "7301", region: "us", demo: true });
    const r = await added.addAndCheckKey(addInput(creds, "us", { host: "https://us.okx.com" }));
    expect(await keyRow(r.key.id)).toEqual({ region: "us", demo: true, host: "https://us.okx.com" });
    expect(r.check?.detection).toMatchObject({ applied: true, suggested: false, to: { region: "us", demo: true, host: "https://us.okx.com" } });
  });
});

describe("checks after the add", () => {
  it("a key that answered on its host before is not hunted for elsewhere when that host stops knowing it", async () => {
    const creds = addSimKey(sim, { uid: "7400", region: "eea" });
    const r = await added.addAndCheckKey(addInput(creds, "eea"));
    expect(r.check).toMatchObject({ outcome: "ok", detection: null });
    sim.removeKey(creds.apiKey);
    sim.resetCalls();
    const after = await checks.checkKey(r.key.id);
    expect(after.outcome).toBe("auth_error");
    expect(after.detection).toBeNull();
    expect(after.notFoundAnywhere).toBe(false);
    expect(sim.calls.filter((c) => c.path === "/api/v5/account/config").map((c) => c.region)).toEqual(["eea"]);
  });

  it("OKX unreachable on add: the key is stored and the check says could not reach OKX", async () => {
    const creds = addSimKey(sim, { uid: "7401" });
    const client = new okx.OkxClient({ env: { OKX_API_BASE_URL: "http://127.0.0.1:9" }, backoffBaseMs: 1, timeoutMs: 300 });
    const r = await added.addAndCheckKey(addInput(creds, "detect"), { client });
    expect(r.key.id).toBeTruthy();
    expect(r.check).toMatchObject({ outcome: "network_error", notFoundAnywhere: false, detection: null });
    const { addedCheckLines } = await import("@/lib/checks/check-advice");
    expect(addedCheckLines(r.check!, null)[0]).toMatch(/^Could not reach OKX/);
  });

  it("detection is paced like every call: no 50011 from the simulator", () => {
    expect(sim.countCode("50011")).toBe(0);
  });
});
