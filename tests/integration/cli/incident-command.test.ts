// `keywarden incident` from the command line against the OKX simulator: the plan (stores nothing, changes nothing on
// OKX), --execute deleting the sub-account key through its master key, the exit status while master-account keys
// are left, a second --execute after the user deleted them on okx.com, --report, and no secret in any output.
import fs from "node:fs";
import Database from "better-sqlite3";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { ensureAccount, simKey, type MadeKey } from "../rotation/support";
import { cliRunner, secretsJson, type CliRunner } from "./cli-harness";

vi.setConfig({ testTimeout: 180_000 });

const MASTER = "copper-violin-tundra-57";
const CALLER_IP = "203.0.113.10";
let sim: OkxSim;
let run: CliRunner;
let master: MadeKey, sub: MadeKey, withdraw: MadeKey, reader: MadeKey;

beforeAll(async () => {
  sim = await startOkxSim({ callerIp: CALLER_IP });
  ensureAccount(sim, "9500", [{ subAcct: "clisub", uid: "9501" }]);
  master = simKey(sim, { uid: "9500", perm: "read_only,trade", ip: [CALLER_IP] });
  sub = simKey(sim, { uid: "9501", subAcct: "clisub", perm: "read_only,trade", ip: [CALLER_IP] });
  withdraw = simKey(sim, { uid: "9500", perm: "read_only,trade,withdraw", ip: [CALLER_IP] });
  reader = simKey(sim, { uid: "9500", perm: "read_only", ip: [CALLER_IP] });
  run = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER, OKX_API_BASE_URL: sim.baseUrlEnv }, { via: "node" });
}, 120_000);

afterAll(async () => {
  await sim?.close();
  if (run) fs.rmSync(run.cwd, { recursive: true, force: true });
});

const json = async (args: string[]) => {
  const r = await run(args);
  return { ...r, doc: /^[[{]/.test(r.stdout.trim()) ? JSON.parse(r.stdout) : null };
};

function keyRow(label: string): { status: string; secretEnc: Buffer | null } {
  const sqlite = new Database(path.join(run.dataDir, "keywarden.db"), { readonly: true });
  try {
    return sqlite.prepare(`SELECT status, secretEnc FROM "ApiKey" WHERE label = ?`).get(label) as { status: string; secretEnc: Buffer | null };
  } finally {
    sqlite.close();
  }
}

describe("keywarden incident", () => {
  it("sets up a vault whose sub-account key is linked to its master key", async () => {
    expect((await run(["init"])).code).toBe(0);
    const add = async (label: string, k: MadeKey, flags: string[]) => {
      const r = await run(["add", "--label", label, "--region", "global", "--created", "2026-10-01", ...flags], { input: secretsJson(k) });
      expect(r.code, r.stderr).toBe(0);
    };
    await add("Ops master", master, ["--purpose", "trade", "--used-by", "ops desk"]);
    await add("Freqtrade sub", sub, ["--purpose", "trade", "--used-by", "Freqtrade @ vps-1"]);
    // The master key's check lists its sub-accounts' keys and links the stored one (the first master to list it).
    expect((await run(["check", "Ops master"])).code).toBe(0);
    await add("Freqtrade withdraw", withdraw, ["--purpose", "withdraw", "--used-by", "freqtrade @ VPS-1", "--used-by", "freqtrade @ vps-2"]);
    await add("Freqtrade reader", reader, ["--purpose", "read", "--used-by", "FREQTRADE  @ vps-1"]);
    const list = (await json(["list", "--json"])).doc as { label: string; subAcct: string | null; parentKeyId: string | null }[];
    expect(list.find((k) => k.label === "Freqtrade sub")).toMatchObject({ subAcct: "clisub" });
    expect(list.find((k) => k.label === "Freqtrade sub")!.parentKeyId).toBeTruthy();
  });

  it("prints the plan, most dangerous first, and changes nothing", async () => {
    const r = await json(["incident", "freqtrade @ vps-1", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.doc).toMatchObject({ executed: false, incident: null, consumer: { id: "freqtrade @ vps-1" }, gone: 0, left: 3 });
    expect(r.doc.keys.map((k: { label: string; via: string; status: string }) => [k.label, k.via, k.status])).toEqual([
      ["Freqtrade withdraw", "okx.com", "pending"],
      ["Freqtrade sub", "api", "pending"],
      ["Freqtrade reader", "okx.com", "pending"],
    ]);
    expect(r.doc.keys[0].perm).toEqual(["read_only", "trade", "withdraw"]);
    expect(r.doc.keys[0].steps[0]).toMatch(/Sign in on okx\.com, open Profile → API/);
    expect(r.doc.keys[1].master).toBe("Ops master");

    const t = await run(["incident", "Freqtrade @ VPS-1"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("Plan for");
    expect(t.stdout).toContain("add --execute to revoke");
    expect(t.stdout).toMatch(/1\. Freqtrade withdraw \(.+\) — Read \+ Trade \+ Withdraw, live: waiting for you to delete it on okx\.com/);
    expect(sim.getKey(sub.apiKey)!.deletedAt).toBeFalsy();
    const sqlite = new Database(path.join(run.dataDir, "keywarden.db"), { readonly: true });
    expect((sqlite.prepare(`SELECT count(*) AS n FROM "Incident"`).get() as { n: number }).n).toBe(0);
    sqlite.close();
  });

  it("refuses a name that fits several consumers, and an unknown one", async () => {
    const several = await run(["incident", "freqtrade"]);
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/names several consumers/);
    const unknown = await run(["incident", "nobody @ nowhere"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No key is used by a consumer called/);
  });

  it("--execute deletes the sub-account key through the master key and exits 15 while master keys are left", async () => {
    const r = await json(["incident", "freqtrade @ vps-1", "--execute", "--json"]);
    expect(r.code, r.stderr).toBe(15);
    expect(r.doc).toMatchObject({ executed: true, incident: { state: "revoking" }, gone: 1, left: 2 });
    expect(r.doc.keys.map((k: { label: string; via: string; status: string }) => k.status)).toEqual(["pending", "gone", "pending"]);
    expect(r.doc.keys[0].last.message).toMatch(/still works/);
    expect(sim.getKey(sub.apiKey)).toMatchObject({ deletedReason: "api" });
    expect(keyRow("Freqtrade sub")).toEqual({ status: "retired", secretEnc: null });
    expect(keyRow("Freqtrade withdraw").secretEnc).not.toBeNull();
    expect(keyRow("Ops master").status).toBe("active");
  });

  it("a second --execute after the user deleted the master keys on okx.com verifies them and finishes", async () => {
    sim.removeKey(withdraw.apiKey);
    sim.removeKey(reader.apiKey);
    const t = await run(["incident", "freqtrade @ vps-1", "--execute"]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain("finished: every key is verified gone — 3 of 3 keys verified gone.");
    for (const label of ["Freqtrade withdraw", "Freqtrade reader"]) expect(keyRow(label)).toEqual({ status: "retired", secretEnc: null });

    const rep = await run(["incident", "freqtrade @ vps-1", "--report"]);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stdout).toMatch(/^# Incident report: “freqtrade @ vps-1” was compromised/i);
    expect(rep.stdout).toContain("Keys held: 3 · verified gone: 3 · left: 0");
    expect(rep.stdout).toContain("deleted through master key “Ops master” (sub-account clisub)");
    expect(rep.stdout).toContain("Nothing: every key this app held is verified gone on OKX.");
  });

  it("never printed a secret", () => {
    const all = run.outputs.join("\n");
    for (const k of [master, sub, withdraw, reader]) {
      for (const s of [k.apiKey, k.secretKey, k.passphrase]) expect(all).not.toContain(s);
    }
  });
});
