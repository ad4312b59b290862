// Simulator → checkAll → loadVaultReport on a real SQLite file: a seeded fleet where every audit rule has one key
// that should trip it, and each key's findings are exactly the ones its story predicts (nothing missing, nothing extra).
// Time: the app stamps checks with the real clock, so the first round of checks is moved 12 days into the past
// in the database, as if it had run then (OKX's 14-day clock and stale-check are about time passing).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { fastClient, integrationEnv } from "../../support/integration-env";
import type { OkxSim } from "../../okx-sim";
import { parseIps, parsePerm } from "../../okx-sim/normalize";
import { CALLER_IP, addSimKey } from "../okx/sim-fixtures";
import type { OkxCredentials } from "@/lib/okx/types";
import type { Finding, RuleId } from "@/lib/audit";

const MASTER = "copper-violin-tundra-57";
const DAY_MS = 86_400_000;
const MAIN_UID = "9000";
const BACK_DAYS = 12;

let sim: OkxSim;
let mods: {
  checks: typeof import("@/lib/checks");
  keys: typeof import("@/lib/keys/key-store");
  reports: typeof import("@/lib/reports/vault-report");
  audit: typeof import("@/lib/audit");
  db: typeof import("@/lib/db/client");
};

interface Story {
  uid: string; // its own UID each (a sub-account of MAIN_UID unless it is MAIN_UID): no shared rate-limit budget
  perm: string;
  ip: string[];
  purpose: "read" | "trade" | "withdraw";
  createdDaysAgo?: number;
  usedBy?: string;
  expect: RuleId[];
}

// One key per rule; `expect` is the exact multiset of rule ids its findings must have.
const FLEET: Record<string, Story> = {
  "withdraw on a tracker": { uid: "9001", perm: "read_only,withdraw", ip: [CALLER_IP], purpose: "read", expect: ["withdraw"] },
  "trade on a tracker": { uid: "9002", perm: "read_only,trade", ip: [CALLER_IP], purpose: "read", expect: ["excess-permission"] },
  "unbound tracker": { uid: "9003", perm: "read_only", ip: [], purpose: "read", expect: ["no-ip"] },
  "idle unbound bot": {
    uid: "9004",
    perm: "read_only,trade",
    ip: [],
    purpose: "trade",
    createdDaysAgo: 12,
    expect: ["no-ip", "okx-14-day-deletion", "stale-check"],
  },
  "forgotten tracker": { uid: "9005", perm: "read_only", ip: [CALLER_IP], purpose: "read", expect: ["stale-check"] },
  "deleted bot": { uid: "9006", perm: "read_only,trade", ip: [CALLER_IP], purpose: "trade", expect: ["dead-key"] },
  "mistyped secret": { uid: "9007", perm: "read_only", ip: [CALLER_IP], purpose: "read", expect: ["auth-error"] },
  "edited on okx": { uid: "9008", perm: "read_only", ip: [CALLER_IP], purpose: "trade", expect: ["drift", "drift", "drift"] },
  "old tracker": { uid: "9009", perm: "read_only", ip: [CALLER_IP], purpose: "read", createdDaysAgo: 200, expect: ["age"] },
  "shared tracker": { uid: "9010", perm: "read_only", ip: [CALLER_IP], purpose: "read", usedBy: "PnL sheet\nhome dashboard", expect: ["shared-key"] },
  "bot on master": { uid: MAIN_UID, perm: "read_only,trade", ip: [CALLER_IP], purpose: "trade", expect: ["master-key-bot"] },
  "clean tracker": { uid: "9011", perm: "read_only", ip: [CALLER_IP], purpose: "read", expect: [] },
  "frozen bot": { uid: "9012", perm: "read_only,trade", ip: [CALLER_IP], purpose: "trade", expect: ["frozen"] },
  // Bound to its server's IP only: this machine gets 50110 and never learns what the key can do.
  "server-bound bot": { uid: "9013", perm: "read_only,trade", ip: ["198.51.100.50"], purpose: "trade", expect: ["bound-elsewhere"] },
  // The local scan finds its key in a world-readable .env that git tracks (its only consumer).
  "leaky bot": { uid: "9014", perm: "read_only,trade", ip: [CALLER_IP], purpose: "trade", usedBy: "", expect: ["file-readable", "file-in-git"] },
};
const ROUND_3 = ["deleted bot", "mistyped secret", "frozen bot", "server-bound bot"];
const ROUND_1 = ["idle unbound bot", "forgotten tracker", "edited on okx"];
const ids: Record<string, string> = {};
const creds: Record<string, OkxCredentials> = {};

const ymd = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);

const env = integrationEnv({ prefix: "kw-fleet-rules-", sim: { callerIp: CALLER_IP }, vault: MASTER, client: fastClient });
beforeAll(async () => {
  sim = env.sim;
  mods = {
    db: await import("@/lib/db/client"),
    keys: await import("@/lib/keys/key-store"),
    checks: await import("@/lib/checks"),
    reports: await import("@/lib/reports/vault-report"),
    audit: await import("@/lib/audit"),
  };

  for (const [label, s] of Object.entries(FLEET)) {
    const c = addSimKey(sim, { uid: s.uid, mainUid: s.uid === MAIN_UID ? undefined : MAIN_UID, perm: s.perm, ip: s.ip, label: `okx ${label}` });
    creds[label] = c;
    const dto = await mods.keys.addKey({
      label,
      region: c.region,
      demo: false,
      purpose: s.purpose,
      usedBy: s.usedBy ?? `${label} app`,
      createdOn: ymd(s.createdDaysAgo ?? 10),
      notes: "",
      apiKey: c.apiKey,
      secretKey: c.secretKey,
      passphrase: c.passphrase,
    });
    ids[label] = dto.id;
  }
});

function expectAllOk(summary: Awaited<ReturnType<typeof mods.checks.checkAll>>) {
  expect(summary.results.map((r) => `${r.label}: ${r.outcome} ${r.code}`).filter((r) => !r.endsWith(": ok 0"))).toEqual([]);
}

describe("every audit rule fires where it should on a seeded fleet", () => {
  let findings: Record<string, Finding[]>;
  let report: Awaited<ReturnType<typeof mods.reports.loadVaultReport>>;

  beforeAll(async () => {
    const { checks, db } = mods;
    // Round 1, "12 days ago": the keys whose story needs an older check.
    expectAllOk(await checks.checkAll({ keyIds: ROUND_1.map((l) => ids[l]), actor: "cli" }));
    const prisma = await db.db();
    for (const c of await prisma.check.findMany({ where: { keyId: { in: ROUND_1.map((l) => ids[l]) } } })) {
      await prisma.check.update({ where: { id: c.id }, data: { at: new Date(c.at.getTime() - BACK_DAYS * DAY_MS) } });
    }

    // Meanwhile on okx.com: someone widens one key, binds another IP and renames it.
    const edited = sim.getKey(creds["edited on okx"].apiKey)!;
    edited.perm = parsePerm("read_only,trade");
    edited.ip = parseIps([CALLER_IP, "198.51.100.9"]);
    edited.label = "renamed on okx";

    // Round 2, now: everything except the idle and the forgotten key.
    const now = Object.keys(FLEET).filter((l) => l !== "idle unbound bot" && l !== "forgotten tracker" && l !== "server-bound bot");
    expectAllOk(await checks.checkAll({ keyIds: now.map((l) => ids[l]), actor: "cli" }));

    // Then one key is deleted on okx.com, and one gets its secret re-entered with a typo.
    sim.removeKey(creds["deleted bot"].apiKey);
    const typo = creds["mistyped secret"];
    await mods.keys.replaceSecrets(
      ids["mistyped secret"],
      { apiKey: typo.apiKey, secretKey: typo.secretKey.slice(0, -1) + (typo.secretKey.endsWith("0") ? "1" : "0"), passphrase: typo.passphrase },
      "cli",
    );
    // OKX freezes one API key (not its account).
    sim.setKeyFrozen(creds["frozen bot"].apiKey, true);
    const round3 = await checks.checkAll({ keyIds: ROUND_3.map((l) => ids[l]), actor: "cli" });
    expect(Object.fromEntries(round3.results.map((r) => [r.label, r.code]))).toEqual({
      "deleted bot": "50119",
      "mistyped secret": "50113",
      "frozen bot": "50100",
      "server-bound bot": "50110",
    });

    // The local scan: the leaky bot's folder is a git repository that tracks its world-readable .env.
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "kw-fleet-leaky-"));
    const leaky = creds["leaky bot"];
    fs.writeFileSync(path.join(repo, ".env"), `OKX_API_KEY=${leaky.apiKey}\nOKX_SECRET_KEY=${leaky.secretKey}\nOKX_PASSPHRASE=${leaky.passphrase}\n`, {
      mode: 0o644,
    });
    fs.chmodSync(path.join(repo, ".env"), 0o644);
    const git = (...a: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...a], { cwd: repo, stdio: "ignore" });
    git("init", "-q");
    git("add", ".env");
    git("commit", "-q", "-m", "bot");
    await (await import("@/lib/scan")).runScan([repo], { actor: "cli" });

    report = await mods.reports.loadVaultReport();
    findings = Object.fromEntries(report.keys.map((k) => [k.key.label, k.audit.findings]));
  });

  it("gives each key exactly the findings its story predicts", () => {
    const got = Object.fromEntries(Object.keys(FLEET).map((l) => [l, findings[l].map((f) => f.rule).sort()]));
    const want = Object.fromEntries(Object.entries(FLEET).map(([l, s]) => [l, [...s.expect].sort()]));
    expect(got).toEqual(want);
  });

  it("audits each key alone (the key page) exactly as the vault report audits it", async () => {
    const { loadKeyReport } = await import("@/lib/reports/key-report");
    for (const entry of report.keys) {
      const one = await loadKeyReport(entry.key.id, { now: report.generatedAt });
      expect(one.audited, entry.key.label).toEqual({ key: entry.key, rotation: entry.rotation, audit: entry.audit, checks: entry.checks });
    }
  });

  it("covers every rule the engine has", () => {
    const fired = new Set(
      Object.values(findings)
        .flat()
        .map((f) => f.rule),
    );
    // "unmanaged" is about keys this fleet does not store: tests/integration/unmanaged trips it from a master's listing.
    expect([...fired].sort()).toEqual([...mods.audit.RULE_IDS].filter((r) => r !== "unmanaged").sort());
  });

  it("grades severity by the evidence: deletion near, age overdue, drift by kind, no-ip by what the key can do", () => {
    const one = (label: string, rule: RuleId) => {
      const list = findings[label].filter((f) => f.rule === rule);
      expect(list, `${label} ${rule}`).toHaveLength(1);
      return list[0];
    };
    const deletion = one("idle unbound bot", "okx-14-day-deletion");
    expect(deletion.severity).toBe("critical"); // under 3 days left: 14 − 12
    // Counted from the key's created-on date, not from the checks 12 days ago (a check is not known to be a use).
    expect(deletion.title).toBe(
      `OKX deletes this key in 1 day (${new Date(Date.parse(ymd(12)) + 14 * DAY_MS).toISOString().slice(0, 10)}) unless it is used (no use recorded since ${ymd(12)})`,
    );
    expect(deletion.dueAt!.getTime() - Date.now()).toBeGreaterThan(1 * DAY_MS);
    expect(deletion.dueAt!.getTime() - Date.now()).toBeLessThan(2 * DAY_MS);
    expect(one("idle unbound bot", "no-ip").severity).toBe("high");
    expect(one("idle unbound bot", "stale-check").title).toBe("Not checked successfully for 12 days");
    expect(one("forgotten tracker", "stale-check").severity).toBe("medium");
    expect(one("unbound tracker", "no-ip").severity).toBe("medium");
    expect(one("withdraw on a tracker", "withdraw").severity).toBe("critical");
    expect(one("trade on a tracker", "excess-permission").title).toBe("Trade is enabled on a read-only tracker");
    expect(one("deleted bot", "dead-key")).toMatchObject({ severity: "critical", title: "OKX says this key no longer exists (50119): it was deleted" });
    expect(one("mistyped secret", "auth-error")).toMatchObject({ severity: "high", title: "Wrong secret key (50113: invalid signature)" });
    expect(one("old tracker", "age")).toMatchObject({ severity: "high", title: "Rotation overdue: key is 200 days old (limit 180)", action: "rotate" });
    expect(one("shared tracker", "shared-key").title).toBe("One key is shared by 2 consumers");
    expect(one("bot on master", "master-key-bot").severity).toBe("low");
    expect(findings["edited on okx"].map((f) => [f.severity, f.title])).toEqual([
      ["high", "Permissions widened since the previous check: +Trade"],
      ["medium", "IP allowlist changed since the previous check: +198.51.100.9"],
      ["info", "Label on OKX changed: 'okx edited on okx' → 'renamed on okx'"],
    ]);
    expect(one("frozen bot", "frozen")).toMatchObject({ severity: "high", title: "OKX has frozen this API key (50100)" });
    expect(one("server-bound bot", "bound-elsewhere").fix.join(" ")).toContain('run npx keywarden check "server-bound bot" there');
    // Every finding points at the check (or date) it rests on.
    for (const f of Object.values(findings).flat()) expect(f.evidence.detail, `${f.keyId} ${f.rule}`).not.toBe("");
  });

  it("grades what OKX never verified as unknown, and never calls a 50110 key unbound in the exports", async () => {
    const byLabel = Object.fromEntries(report.keys.map((k) => [k.key.label, k.audit]));
    expect(byLabel["server-bound bot"]).toMatchObject({ grade: "?", verified: false, ipBinding: "elsewhere" });
    expect(byLabel["frozen bot"]).toMatchObject({ grade: "D", verified: true, ipBinding: "bound" });
    expect(report.vault.posture.unverified).toBe(1);
    const ex = await import("@/lib/export");
    const doc = ex.buildAuditDocument(report);
    expect(doc.keys.find((k) => k.label === "server-bound bot")).toMatchObject({ grade: "?", score: null, ipBinding: "elsewhere", ip: [] });
    const md = ex.auditMarkdown(report);
    expect(md).toMatch(/\| \? \| server-bound bot \|.*\| bound to other IPs \|/);
    expect(md).toContain("1 key is unknown (grade ?)");
    const row = ex
      .auditCsv(report)
      .split("\r\n")
      .find((l) => l.startsWith("server-bound bot,"))!;
    expect(row).toContain(",?,");
    expect(row).toContain(",bound to other IPs,");
  });
});
