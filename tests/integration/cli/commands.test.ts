// The real `keywarden` command against the OKX simulator: every command, every exit status, bad input,
// the audit JSON document, --fail-on thresholds, and canary secrets that must never appear in any output.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { cliRunner, filesUnder, REPO, secretsJson, type CliRunner } from "./cli-harness";

// Up to ten CLI runs per test, each through `npm exec` (npm, then node + tsx, then Argon2): 60 s is too tight on a
// busy two-core machine.
vi.setConfig({ testTimeout: 180_000 });

const MASTER = "copper-violin-tundra-57";
const CANARY = {
  apiKey: "c0ffee00-1111-4222-8333-444455556666",
  secretKey: "CA5A4B1E0123456789ABCDEF0CA4A1E1",
  passphrase: "Canary-Pass-Phrase-77",
};
const seed = JSON.parse(fs.readFileSync(path.join(REPO, "tests/okx-sim/seeds/demo-fleet.json"), "utf8")) as {
  keys: { apiKey: string; secretKey: string; passphrase: string; label: string }[];
};
const fleet = (okxLabel: string) => seed.keys.find((k) => k.label === okxLabel)!;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let sim: OkxSim;
let cli: CliRunner;

beforeAll(async () => {
  sim = await startOkxSim({ seed: path.join(REPO, "tests/okx-sim/seeds/demo-fleet.json") });
  // The canary: a read-only tracker key on OKX that can also withdraw, unbound (critical finding).
  sim.addKey({ ...CANARY, label: "canary", perm: "read_only,withdraw", ip: "", uid: "448203315678901", createdDaysAgo: 10, lastUsedDaysAgo: 1 });
  cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER, OKX_API_BASE_URL: sim.baseUrlEnv });
});

afterAll(async () => {
  await sim?.close();
  if (cli) fs.rmSync(cli.cwd, { recursive: true, force: true });
});

async function auditJson(extra: string[] = []) {
  const r = await cli(["audit", "--json", ...extra]);
  return { ...r, doc: JSON.parse(r.stdout) };
}

describe("before a vault exists", () => {
  it("refuses every command but init with exit 2 and one line on stderr", async () => {
    const r = await cli(["list"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/No vault exists yet/);
    expect(r.stdout).toBe("");
  });

  it("init needs a passphrase from the environment when stdin is not a terminal", async () => {
    const r = await cli(["init"], { env: { KEYWARDEN_PASSPHRASE: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/KEYWARDEN_PASSPHRASE/);
  });

  it("init refuses a weak passphrase with the reason", async () => {
    const r = await cli(["init"], { env: { KEYWARDEN_PASSPHRASE: "short" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least 12 characters/);
  });

  it("init creates the vault in ./data of the working directory (private), and refuses a second time", async () => {
    const r = await cli(["init"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(cli.dataDir);
    expect(fs.statSync(cli.dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(cli.dataDir, "keywarden.db")).mode & 0o777).toBe(0o600);
    const again = await cli(["init"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });
});

describe("usage errors", () => {
  it.each([
    [["frobnicate"], /Unknown command/],
    [[], /No command given/],
    [["list", "--nope"], /Unknown option --nope/],
    [["audit", "--fail-on", "severe"], /--fail-on must be one of/],
    [["export"], /--format is required/],
    [["export", "--format", "xml"], /--format must be one of/],
    [["check"], /--all, or one or more labels/],
    [["check", "--all", "x"], /either --all or key labels/],
    [["backup"], /exactly one FILE/],
    [["add", "--purpose", "read"], /--label is required/],
  ])("%j → exit 2", async (args, message) => {
    const r = await cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("help prints usage with exit 0", async () => {
    const r = await cli(["help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/keywarden audit \[--json\]/);
  });
});

describe("keys, checks and audit", () => {
  it("adds a key from stdin JSON and lists it", async () => {
    const t = fleet("portfolio-tracker");
    const r = await cli(["add", "--label", "Portfolio tracker", "--purpose", "read", "--created", daysAgo(20), "--used-by", "home dashboard @ 10.0.0.9"], {
      input: secretsJson(t),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Added “Portfolio tracker” \(1b92…bc22\)/);
    // Checked at once: works, where, with which permissions and IPs.
    expect(r.stdout).toContain("Checked with OKX: The key works on Global (www.okx.com), live.");
    expect(r.stdout).toContain("Permissions: Read. Bound IPs: 203.0.113.10.");
    const list = await cli(["list", "--json"]);
    expect(list.code).toBe(0);
    const keys = JSON.parse(list.stdout);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      label: "Portfolio tracker",
      purpose: "read",
      region: "global",
      createdOn: daysAgo(20),
      consumers: [{ name: "home dashboard", host: "10.0.0.9" }],
    });
    const human = await cli(["list"]);
    expect(human.stdout).toMatch(/Portfolio tracker\s+1b92…bc22\s+read/);
  });

  it("refuses bad stdin and bad fields with exit 2, storing nothing", async () => {
    const t = fleet("grid-bot");
    const cases: [string[], string, RegExp][] = [
      [["add", "--label", "x", "--purpose", "read"], "{not json", /stdin is not valid JSON/],
      [["add", "--label", "x", "--purpose", "read"], JSON.stringify({ apiKey: t.apiKey }), /apiKey, secretKey and passphrase/],
      [["add", "--label", "x", "--purpose", "read"], "", /stdin is not valid JSON/],
      [["add", "--label", "x", "--purpose", "admin"], secretsJson(t), /--purpose: Choose what the key is for/],
      [["add", "--label", "x", "--purpose", "read", "--created", "2999-01-01"], secretsJson(t), /--created: The created-on date cannot be in the future/],
      [["add", "--label", "Portfolio tracker", "--purpose", "read"], secretsJson(t), /--label: Another key already has this label/],
      [["add", "--label", "x", "--purpose", "read"], secretsJson(fleet("portfolio-tracker")), /already stored as “Portfolio tracker”/],
      [["add", "--label", "x", "--purpose", "read", "--secret", t.secretKey], secretsJson(t), /Unknown option --secret/],
      [["add", "--label", "x", "--purpose", "read", "--host", "http://okx.example"], secretsJson(t), /--host: Use an OKX address/],
    ];
    for (const [args, input, message] of cases) {
      const r = await cli(args, { input });
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      // The one-line rule, and the input is never quoted back.
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toContain(t.secretKey);
    }
    expect(JSON.parse((await cli(["list", "--json"])).stdout)).toHaveLength(1);
  });

  it("checks a key by label; the tracker grades A and passes every --fail-on threshold", async () => {
    const r = await cli(["check", "Portfolio tracker", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ total: 1, ok: 1, failed: 0 });
    expect(doc.checks[0]).toMatchObject({
      label: "Portfolio tracker",
      outcome: "ok",
      code: "0",
      perm: ["read_only"],
      ip: ["203.0.113.10"],
      uid: "448203315678901",
    });
    for (const t of ["critical", "high", "medium", "low"]) {
      const a = await cli(["audit", "--fail-on", t]);
      expect(a.code, `--fail-on ${t}: ${a.stdout}`).toBe(0);
    }
    // One on add (adding checks the key at once), one here.
    expect(sim.calls.filter((c) => c.path === "/api/v5/account/config")).toHaveLength(2);
  });

  it("--fail-on follows the worst finding: a 200-day-old trading key is high, not critical", async () => {
    const r = await cli(["add", "--label", "Grid bot", "--purpose", "trade", "--created", daysAgo(200), "--used-by", "grid bot @ 198.51.100.7"], {
      input: secretsJson(fleet("grid-bot")),
    });
    expect(r.code, r.stderr).toBe(0);
    expect((await cli(["check", "Grid bot"])).code).toBe(0);
    const { code, doc } = await auditJson();
    expect(code).toBe(1); // default threshold: high
    const grid = doc.keys.find((k: { label: string }) => k.label === "Grid bot");
    expect(grid.findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`)).toContain("age:high");
    expect(doc.posture.counts.critical).toBe(0);
    expect((await cli(["audit", "--fail-on", "critical"])).code).toBe(0);
    expect((await cli(["audit", "--fail-on", "high"])).code).toBe(1);
    expect((await cli(["audit", "--fail-on", "low"])).code).toBe(1);
    expect((await cli(["audit", "--fail-on", "none"])).code).toBe(0);
  });

  it("check --all reports every outcome; audit --json carries the documented fields", async () => {
    for (const [label, purpose, okx, extra] of [
      ["Tax tool (canary)", "read", CANARY, []],
      ["Hummingbot", "trade", fleet("hummingbot-2024"), ["--created", daysAgo(130)]],
      // No --region: detect, the default. The key is on EEA's host only.
      ["EU DCA bot", "trade", fleet("eu-dca-bot"), ["--json"]],
    ] as const) {
      const r = await cli(["add", "--label", label, "--purpose", purpose, ...extra], { input: secretsJson(okx) });
      expect(r.code, r.stderr).toBe(0);
      // Without --created the date is unknown (like the form's "I don't know"), and the output says so.
      if (!(extra as readonly string[]).includes("--created") && !(extra as readonly string[]).includes("--json"))
        expect(r.stdout).toMatch(/created on an unknown date \(its age counts from today/);
      if (label === "EU DCA bot") {
        const added = JSON.parse(r.stdout);
        expect(added).toMatchObject({
          region: "eea",
          check: {
            outcome: "ok",
            region: "eea",
            demo: false,
            notFoundAnywhere: false,
            detection: { result: "found", applied: true, from: { region: "global" }, to: { region: "eea" } },
          },
          checkError: null,
        });
      }
    }
    const listed = JSON.parse((await cli(["list", "--json"])).stdout);
    expect(listed.find((k: { label: string }) => k.label === "EU DCA bot")).toMatchObject({ createdOnSource: "added" });
    const r = await cli(["check", "--all", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const checks = JSON.parse(r.stdout);
    expect(checks.total).toBe(5);
    const byLabel = Object.fromEntries(checks.checks.map((c: { label: string }) => [c.label, c]));
    expect(byLabel["Hummingbot"]).toMatchObject({ outcome: "auth_error", code: "50119" });
    expect(byLabel["EU DCA bot"]).toMatchObject({ outcome: "ok", code: "0" });
    expect(byLabel["Tax tool (canary)"]).toMatchObject({ outcome: "ok", perm: ["read_only", "withdraw"], ip: [] });

    const human = await cli(["check", "--all"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Hummingbot\s+auth_error\s+50119/);
    expect(human.stdout).toMatch(/Checked 5 keys/);

    const { code, doc } = await auditJson();
    expect(code).toBe(1);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(["generatedAt", "posture", "keys"]));
    expect(Date.parse(doc.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(doc.posture).toMatchObject({
      score: expect.any(Number),
      counts: { critical: expect.any(Number), high: expect.any(Number), medium: expect.any(Number), low: expect.any(Number), info: expect.any(Number) },
    });
    expect(doc.keys).toHaveLength(5);
    const tax = doc.keys.find((k: { label: string }) => k.label === "Tax tool (canary)");
    expect(tax).toMatchObject({
      id: expect.any(String),
      fingerprint: "c0ff…6666",
      purpose: "read",
      demo: false,
      region: "global",
      perm: ["read_only", "withdraw"],
      ip: [],
      uid: "448203315678901",
      ageDays: 0,
      lastCheck: { at: expect.any(String), code: "0", message: "" },
      grade: "F",
    });
    expect(tax.findings[0]).toMatchObject({ rule: "withdraw", severity: "critical", title: expect.any(String), fix: expect.any(Array) });
    const humming = doc.keys.find((k: { label: string }) => k.label === "Hummingbot");
    expect(humming.lastCheck).toMatchObject({ code: "50119", message: expect.any(String) });
    // Expired before it was added, so this host never answered for it: "does not know this key" (auth-error),
    // dead-key once entity detection has found it on no host.
    expect(humming.findings.map((f: { rule: string }) => f.rule).some((r: string) => r === "dead-key" || r === "auth-error")).toBe(true);
    expect(doc.posture.counts.critical).toBeGreaterThanOrEqual(1);
    expect((await cli(["audit", "--fail-on", "critical"])).code).toBe(1);
    const summary = await cli(["audit"]);
    expect(summary.stdout).toMatch(/Posture \d+\/100 \(grade [A-F]\)/);
    expect(summary.stdout).toMatch(/\[CRITICAL\] Withdraw/);
    expect(summary.stderr).toMatch(/exit status 1/);
  });

  it("exit 3 when OKX cannot be reached, 2 when OKX_API_BASE_URL is unusable", async () => {
    const down = await cli(["check", "Portfolio tracker", "--json"], { env: { OKX_API_BASE_URL: "http://127.0.0.1:9", OKX_TIMEOUT_MS: "1000" } });
    expect(down.code, down.stderr).toBe(3);
    expect(JSON.parse(down.stdout).checks[0]).toMatchObject({ outcome: "network_error", code: "" });
    const bad = await cli(["check", "--all"], { env: { OKX_API_BASE_URL: "ftp://example" } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/OKX_API_BASE_URL: only http\(s\) URLs/);
    // Put the tracker back to a successful latest check for the export comparison below.
    expect((await cli(["check", "Portfolio tracker"])).code).toBe(0);
  });

  it("export json is the audit --json document; csv and md are written privately with --out", async () => {
    const a = await auditJson();
    const e = await cli(["export", "--format", "json"]);
    expect(e.code).toBe(0);
    const ex = JSON.parse(e.stdout);
    expect({ ...ex, generatedAt: "" }).toEqual({ ...a.doc, generatedAt: "" });
    const csvFile = path.join(cli.cwd, "audit.csv");
    const c = await cli(["export", "--format", "csv", "--out", csvFile]);
    expect(c.code, c.stderr).toBe(0);
    expect(fs.statSync(csvFile).mode & 0o777).toBe(0o600);
    const csv = fs.readFileSync(csvFile, "utf8");
    expect(csv.split("\r\n")[0]).toMatch(/^label,fingerprint,purpose/);
    expect(csv).toContain("Tax tool (canary),c0ff…6666,read,global,false,F");
    const md = await cli(["export", "--format", "md"]);
    expect(md.stdout).toMatch(/^# Keywarden audit — \d{4}-\d{2}-\d{2}/);
    expect(md.stdout).toContain("`c0ff…6666`");
    cli.outputs.push(csv);
  });
});

describe("locked vault", () => {
  it("without KEYWARDEN_PASSPHRASE and without a terminal: exit 2, nothing printed on stdout", async () => {
    const r = await cli(["audit"], { env: { KEYWARDEN_PASSPHRASE: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/The vault is locked: set KEYWARDEN_PASSPHRASE/);
    expect(r.stdout).toBe("");
  });

  it("a wrong passphrase is exit 2, and so is the backoff that follows repeated failures", async () => {
    const wrong = await cli(["list"], { env: { KEYWARDEN_PASSPHRASE: "tangerine-orbit-harbor-91" } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/Wrong master passphrase/);
    // Pretend many failures happened just now (the counter lives in the Vault row and survives processes).
    const sqlite = new Database(path.join(cli.dataDir, "keywarden.db"));
    sqlite.pragma("busy_timeout = 5000");
    sqlite.prepare("UPDATE Vault SET failedAttempts = 12").run();
    try {
      const blocked = await cli(["list"]);
      expect(blocked.code).toBe(2);
      expect(blocked.stderr).toMatch(/Too many wrong passphrases. Wait \d+ s/);
    } finally {
      sqlite.prepare("UPDATE Vault SET failedAttempts = 0, lastFailedAt = NULL").run();
      sqlite.close();
    }
    expect((await cli(["list"])).code).toBe(0);
  });
});

describe("sharing the database with a running server", () => {
  it("waits for another connection's write transaction instead of failing", async () => {
    // Stands in for the web server holding the write lock (WAL + busy_timeout let the CLI wait its turn).
    const other = new Database(path.join(cli.dataDir, "keywarden.db"));
    other.pragma("journal_mode = WAL");
    other.exec("BEGIN IMMEDIATE");
    const release = setTimeout(() => other.exec("COMMIT"), 3000);
    try {
      const started = Date.now();
      const r = await cli(["list", "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toHaveLength(5);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    } finally {
      clearTimeout(release);
      if (other.inTransaction) other.exec("COMMIT");
      other.close();
    }
  });
});

describe("secrets", () => {
  it("never appear in any CLI output, the database, its WAL or the audit log", () => {
    const secrets = [CANARY.secretKey, CANARY.passphrase, CANARY.apiKey, MASTER, fleet("grid-bot").secretKey, fleet("grid-bot").passphrase];
    const all = cli.outputs.join("\n");
    expect(all.length).toBeGreaterThan(1000);
    for (const s of secrets) expect(all.includes(s), s).toBe(false);
    for (const f of filesUnder(cli.dataDir)) {
      const bytes = fs.readFileSync(f);
      for (const s of secrets) expect(bytes.includes(Buffer.from(s)), `${s} in ${f}`).toBe(false);
    }
    const sqlite = new Database(path.join(cli.dataDir, "keywarden.db"), { readonly: true });
    const events = sqlite.prepare("SELECT actor, action, detail FROM AuditEvent").all() as { actor: string; action: string }[];
    sqlite.close();
    expect(events.filter((e) => e.actor === "cli").map((e) => e.action)).toEqual(
      expect.arrayContaining(["vault.create", "vault.unlock", "key.add", "key.check", "vault.unlock-failed"]),
    );
    for (const s of secrets) expect(JSON.stringify(events).includes(s)).toBe(false);
  });
});
