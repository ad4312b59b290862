// `keywarden verify` as a bot's start script runs it: the installed command, a real SQLite data directory and the
// OKX simulator over HTTP. One test per exit status (0, 10, 11, 12, 13, 14, and 2 for usage), the JSON document,
// the checks it stores, terminal-safe labels, and canary secrets that must never appear in its output.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { cliRunner, filesUnder, REPO, secretsJson, type CliRunner } from "./cli-harness";

vi.setConfig({ testTimeout: 180_000 });

const MASTER = "copper-violin-tundra-57";
const seed = JSON.parse(fs.readFileSync(path.join(REPO, "tests/okx-sim/seeds/demo-fleet.json"), "utf8")) as {
  keys: { apiKey: string; secretKey: string; passphrase: string; label: string }[];
};
const fleet = (okxLabel: string) => seed.keys.find((k) => k.label === okxLabel)!;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const MASTER_UID = "448203315678901";
/** A sub-account key bound only to its bot's server: this machine (203.0.113.10) gets 50110 forever. */
const SUB_VPS = { apiKey: "5b0b0b0b-1111-4222-8333-444455556601", secretKey: "5B0B0B0B0123456789ABCDEF0CA4A101", passphrase: "Sub-Vps-Pass-77" };
/** Deleted on okx.com in the middle of the tests. */
const DOOMED = { apiKey: "d0000000-1111-4222-8333-444455556602", secretKey: "D00000000123456789ABCDEF0CA4A102", passphrase: "Doomed-Pass-77" };
/** Stored with the wrong secret (50113). Its real secret is the canary: it must never be printed. */
const WRONG = { apiKey: "e0000000-1111-4222-8333-444455556603", secretKey: "CA5A4B1E0123456789ABCDEF0CA4A1E1", passphrase: "Canary-Pass-Phrase-77" };
const WRONG_STORED = { ...WRONG, secretKey: "0000000000000000000000000000BEEF" };

let sim: OkxSim;
/** The installed bin, resolved by npm as `npx keywarden` does. */
let cli: CliRunner;
/** The same bin file run with node directly, in the same directory: no npm start-up for the many other calls. */
let run: CliRunner;

beforeAll(async () => {
  sim = await startOkxSim({ seed: path.join(REPO, "tests/okx-sim/seeds/demo-fleet.json") });
  sim.addKey({
    ...SUB_VPS,
    label: "bot-sub-1-vps",
    perm: "read_only,trade",
    ip: "198.51.100.23",
    uid: "448203315679002",
    subAcct: "bot-sub-1",
    createdDaysAgo: 5,
  });
  sim.addKey({ ...DOOMED, label: "doomed", perm: "read_only,trade", ip: "203.0.113.10", uid: MASTER_UID, createdDaysAgo: 3 });
  sim.addKey({ ...WRONG, label: "wrong-secret", perm: "read_only", ip: "203.0.113.10", uid: MASTER_UID, createdDaysAgo: 3 });
  const env = { KEYWARDEN_PASSPHRASE: MASTER, OKX_API_BASE_URL: sim.baseUrlEnv };
  cli = cliRunner(env);
  run = cliRunner(env, { via: "node", cwd: cli.cwd });
}, 120_000);

afterAll(async () => {
  await sim?.close();
  if (cli) fs.rmSync(cli.cwd, { recursive: true, force: true });
});

async function verifyJson(args: string[], env?: Record<string, string | undefined>) {
  const r = await run(["verify", ...args, "--json"], { env });
  // The document's shape is what these tests assert, so it is read loosely here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: any = null;
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    // asserted by the caller
  }
  return { ...r, doc };
}

function checkRows(label: string): { outcome: string; code: string }[] {
  const sqlite = new Database(path.join(cli.dataDir, "keywarden.db"), { readonly: true });
  try {
    return sqlite.prepare(`SELECT c.outcome, c.code FROM "Check" c JOIN "ApiKey" k ON k.id = c.keyId WHERE k.label = ? ORDER BY c.id`).all(label) as {
      outcome: string;
      code: string;
    }[];
  } finally {
    sqlite.close();
  }
}

describe("setup", () => {
  it("creates a vault and stores the keys", async () => {
    expect((await run(["init"])).code).toBe(0);
    const add = async (label: string, secrets: { apiKey: string; secretKey: string; passphrase: string }, flags: string[]) => {
      const r = await run(["add", "--label", label, ...flags], { input: secretsJson(secrets) });
      expect(r.code, r.stderr).toBe(0);
    };
    await add("Portfolio tracker", fleet("portfolio-tracker"), ["--purpose", "read", "--created", daysAgo(20)]);
    await add("Tax tool (Koinly)", fleet("Koinly tax export"), ["--purpose", "read", "--created", daysAgo(75)]);
    await add("Strategy test", fleet("demo-strategy-test"), ["--purpose", "trade", "--demo", "--created", daysAgo(30)]);
    await add("Arbitrage bot", fleet("vps-arb-bot"), ["--purpose", "trade", "--created", daysAgo(60)]);
    await add("Rotation master", fleet("keywarden-rotation"), ["--purpose", "trade", "--created", daysAgo(10)]);
    await add("Sub VPS bot", SUB_VPS, ["--purpose", "trade"]);
    await add("Doomed bot", DOOMED, ["--purpose", "trade", "--created", daysAgo(3)]);
    await add("Wrong secret", WRONG_STORED, ["--purpose", "read"]);
  });
});

describe("exit 0: the key works and every requirement holds", () => {
  it("through the installed bin: one line per key, the check is stored like `keywarden check`", async () => {
    const before = checkRows("Portfolio tracker").length;
    const r = await cli([
      "verify",
      "Portfolio tracker",
      "--require",
      "read",
      "--forbid",
      "trade",
      "--forbid",
      "withdraw",
      "--require-ip",
      "--max-age",
      "30",
      "--entity",
      "global",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PASS\s+Portfolio tracker \(1b92…bc22\): works\n/);
    expect(r.stdout).toMatch(/Verified 1 key: 1 pass — exit status 0\./);
    expect(checkRows("Portfolio tracker")).toHaveLength(before + 1);
    expect(checkRows("Portfolio tracker").at(-1)).toEqual({ outcome: "ok", code: "0" });
  });

  it("JSON names each requirement, whether it held, and OKX's code", async () => {
    const { code, doc } = await verifyJson(["Portfolio tracker", "--forbid", "withdraw", "--require-ip"]);
    expect(code).toBe(0);
    expect(doc).toMatchObject({ version: 1, status: "pass", exitCode: 0 });
    expect(doc.keys).toHaveLength(1);
    expect(doc.keys[0]).toMatchObject({
      label: "Portfolio tracker",
      fingerprint: "1b92…bc22",
      status: "pass",
      demo: false,
      entity: "global",
      perm: ["read_only"],
      permSource: "check",
      ip: ["203.0.113.10"],
      okx: { outcome: "ok", code: "0", message: "" },
      requirements: [
        { name: "forbid withdraw", held: true, known: true, reason: "no withdraw" },
        { name: "require IP binding", held: true, known: true, reason: "bound to 1 IP" },
      ],
    });
  });

  it("a demo key says so, in the line and in the JSON", async () => {
    const r = await run(["verify", "Strategy test", "--require", "trade"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PASS\s+Strategy test \(d4e8…[0-9a-f]{4}\) \[demo key\]: works/);
    const { doc } = await verifyJson(["Strategy test"]);
    expect(doc.keys[0]).toMatchObject({ demo: true, status: "pass" });
  });
});

describe("exit 10: a requirement did not hold", () => {
  it("withdraw present with --forbid withdraw, and no IP binding with --require-ip", async () => {
    const { code, doc, stdout } = await verifyJson(["Tax tool (Koinly)", "--forbid", "withdraw", "--require-ip", "--require", "read"]);
    expect(code).toBe(10);
    expect(doc.status).toBe("requirement_failed");
    expect(doc.keys[0].okx).toMatchObject({ code: "0" });
    expect(doc.keys[0].requirements.map((r: { name: string; held: boolean }) => [r.name, r.held])).toEqual([
      ["require read", true],
      ["forbid withdraw", false],
      ["require IP binding", false],
    ]);
    expect(stdout).not.toContain(fleet("Koinly tax export").apiKey);
    const human = await run(["verify", "Tax tool (Koinly)", "--forbid", "withdraw", "--require-ip"]);
    expect(human.code).toBe(10);
    expect(human.stdout.split("\n")[0]).toMatch(
      /^FAIL\s+Tax tool \(Koinly\) \(4053…b382\): forbid withdraw: withdraw present .*; require IP binding: no IP bound/,
    );
  });

  it("--max-age exceeded", async () => {
    const { code, doc } = await verifyJson(["Tax tool (Koinly)", "--max-age", "30"]);
    expect(code).toBe(10);
    expect(doc.keys[0].requirements).toEqual([
      expect.objectContaining({ name: "max age 30 days", held: false, reason: expect.stringMatching(/^75 days old \(created on /) }),
    ]);
  });

  it("the wrong --entity", async () => {
    const { code, doc } = await verifyJson(["Portfolio tracker", "--entity", "eea"]);
    expect(code).toBe(10);
    expect(doc.keys[0].requirements[0]).toMatchObject({ name: "entity eea", held: false, reason: "OKX's global host answered for the key" });
  });
});

describe("50110: bound to another IP", () => {
  it("proves the IP binding: passes --require-ip", async () => {
    const { code, doc } = await verifyJson(["Arbitrage bot", "--require-ip"]);
    expect(code).toBe(0);
    expect(doc.keys[0]).toMatchObject({ status: "pass", perm: null, okx: { outcome: "ip_blocked", code: "50110" } });
  });

  it("a master-account key's permissions are unknown: --forbid withdraw fails with that reason", async () => {
    const { code, doc } = await verifyJson(["Arbitrage bot", "--require-ip", "--forbid", "withdraw"]);
    expect(code).toBe(10);
    expect(doc.keys[0].requirements[0]).toMatchObject({
      name: "forbid withdraw",
      held: false,
      known: false,
      reason: expect.stringMatching(/^permissions unknown/),
    });
  });

  it("a sub-account key's permissions come from its master key's listing (asked now)", async () => {
    // A master key's check (any master-account key of the account) links the stored sub-account key to its
    // sub-account and master, and gives it OKX's creation date.
    expect((await run(["check", "Rotation master"])).code).toBe(0);
    const calls = sim.calls.length;
    const { code, doc, stderr } = await verifyJson(["Sub VPS bot", "--require-ip", "--require", "trade", "--forbid", "withdraw", "--max-age", "30"]);
    expect(code, stderr).toBe(0);
    expect(doc.keys[0]).toMatchObject({
      status: "pass",
      ageDays: 5,
      perm: ["read_only", "trade"],
      permSource: "master-listing",
      ip: ["198.51.100.23"],
      okx: { code: "50110" },
    });
    // Asked now: verify checked the master key too, whose check lists the sub-account's keys.
    expect(sim.calls.slice(calls).some((c) => c.path.startsWith("/api/v5/users/subaccount/apikey"))).toBe(true);
    expect(Date.parse(doc.keys[0].permListedAt)).toBeGreaterThan(Date.parse(doc.verifiedAt) - 60_000);
    const { code: c2 } = await verifyJson(["Sub VPS bot", "--forbid", "trade"]);
    expect(c2).toBe(10);
  });
});

describe("exit 12: OKX refuses the key", () => {
  it("wrong secret (50113)", async () => {
    const { code, doc } = await verifyJson(["Wrong secret"]);
    expect(code).toBe(12);
    expect(doc.keys[0]).toMatchObject({ status: "auth_error", okx: { outcome: "auth_error", code: "50113" } });
  });
});

describe("--all", () => {
  it("one line per key, labels escaped for the terminal, the most decisive status wins", async () => {
    // A label with terminal escapes, as an older version or a restored backup may hold.
    const sqlite = new Database(path.join(cli.dataDir, "keywarden.db"));
    sqlite.prepare(`UPDATE "ApiKey" SET label = ? WHERE label = 'Wrong secret'`).run("Wrong\u001b]0;owned\u0007 secret\u009b2J");
    sqlite.close();
    const r = await run(["verify", "--all", "--max-age", "60"]);
    // The refused key (12) comes before the failed requirement (Koinly is 75 days old: 10).
    expect(r.code).toBe(12);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(9);
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(r.stdout).toContain("Wrong\\x1b]0;owned\\x07 secret\\x9b2J");
    expect(lines.filter((l) => l.startsWith("PASS"))).toHaveLength(6);
    expect(lines.find((l) => l.startsWith("FAIL"))).toMatch(/^FAIL\s+Tax tool \(Koinly\)/);
    expect(lines.find((l) => l.startsWith("REFUSED"))).toMatch(/^REFUSED\s+Wrong\\x1b/);
    expect(lines.at(-1)).toBe("Verified 8 keys: 6 pass, 1 requirement failed, 1 auth error — exit status 12.");
  });
});

describe("exit 11: the key is gone", () => {
  it("OKX stops knowing a key on the host that answered for it", async () => {
    expect((await verifyJson(["Doomed bot", "--require-ip"])).code).toBe(0);
    sim.removeKey(DOOMED.apiKey);
    const { code, doc } = await verifyJson(["Doomed bot", "--require-ip"]);
    expect(code).toBe(11);
    expect(doc.keys[0]).toMatchObject({ status: "gone", okx: { code: "50119" } });
    expect(doc.keys[0].requirements[0]).toMatchObject({ held: false, known: false });
    const human = await run(["verify", "Doomed bot"]);
    expect(human.code).toBe(11);
    expect(human.stdout).toMatch(/^GONE\s+Doomed bot .*: the key is gone: the host that answered for it at .* no longer knows it/);
    // A gone key decides the status of a run over every key (before the refused one, 12).
    const all = await run(["verify", "--all"]);
    expect(all.code).toBe(11);
    expect(all.stdout.trim().split("\n").at(-1)).toBe("Verified 8 keys: 6 pass, 1 gone, 1 auth error — exit status 11.");
  });
});

describe("exit 13: OKX could not be asked", () => {
  it("a closed port", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const { code, doc, stderr } = await verifyJson(["Portfolio tracker", "--require-ip"], { OKX_API_BASE_URL: `http://127.0.0.1:${port}` });
    expect(code, stderr).toBe(13);
    expect(doc.keys[0]).toMatchObject({ status: "unreachable", okx: { outcome: "network_error", code: "" } });
    expect(doc.keys[0].requirements[0]).toMatchObject({ held: false, known: false });
  });

  it("OKX answering 503 (sim.faults)", async () => {
    sim.faults.failNext(20, 503);
    try {
      const { code, doc } = await verifyJson(["Portfolio tracker"]);
      expect(code).toBe(13);
      expect(doc.status).toBe("unreachable");
    } finally {
      sim.faults.reset();
    }
  });
});

describe("exit 14: fails closed without a passphrase and without a terminal", () => {
  it("never prompts, never passes, checks nothing", async () => {
    const before = checkRows("Portfolio tracker").length;
    const calls = sim.calls.length;
    const r = await run(["verify", "Portfolio tracker"], { env: { KEYWARDEN_PASSPHRASE: undefined } });
    expect(r.code).toBe(14);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/KEYWARDEN_PASSPHRASE/);
    expect(r.stderr).not.toMatch(/Master passphrase:/);
    expect(checkRows("Portfolio tracker")).toHaveLength(before);
    expect(sim.calls.length).toBe(calls);
  });
});

describe("exit 2: could not run", () => {
  it.each([
    [["verify"], /--all, or one or more labels/],
    [["verify", "Grid bot", "--require", "admin"], /--require must be one of: read, trade, withdraw/],
    [["verify", "Grid bot", "--require", "trade", "--forbid", "trade"], /trade cannot be both required and forbidden/],
    [["verify", "Grid bot", "--max-age", "ninety"], /--max-age must be a whole number/],
    [["verify", "No such key"], /No stored key is labelled “No such key”/],
  ])("%j", async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("secrets", () => {
  it("no secret in any output, and none in clear in the data directory", () => {
    const outputs = [...cli.outputs, ...run.outputs].join("\n");
    expect(outputs.length).toBeGreaterThan(1000);
    for (const s of [WRONG.secretKey, WRONG.passphrase, WRONG.apiKey, SUB_VPS.secretKey, SUB_VPS.apiKey, fleet("Koinly tax export").secretKey, MASTER]) {
      expect(outputs).not.toContain(s);
    }
    for (const f of filesUnder(cli.dataDir)) {
      const bytes = fs.readFileSync(f);
      for (const s of [WRONG_STORED.secretKey, WRONG.passphrase, SUB_VPS.secretKey]) expect(bytes.includes(Buffer.from(s)), `${f} holds a secret`).toBe(false);
    }
  });
});
