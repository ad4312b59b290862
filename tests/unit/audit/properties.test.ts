import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, auditKey, auditVault, compareFindings, gradeForScore } from "@/lib/audit";
import type { AuditCheck, AuditKey, AuditPolicy, Grade } from "@/lib/audit";
import type { Perm } from "@/lib/domain";
import { KW_KEY_PAGE } from "@/lib/audit/okx-links";
import { DAY, NOW } from "./fixtures";

// "?" is only ever compared with "?" below (the same checks, so the same verified state).
const GRADE_RANK: Record<Grade, number> = { A: 0, B: 1, C: 2, D: 3, F: 4, "?": 2.5 };
const PERMS: Perm[] = ["read_only", "trade", "withdraw"];
const at = (msAgo: number) => new Date(NOW.getTime() - msAgo);

const keyArb: fc.Arbitrary<AuditKey> = fc.record({
  id: fc.constantFrom("k1", "k2"),
  label: fc.constantFrom("bot", "tracker"),
  fingerprint: fc.constant("a1b2…9f0e"),
  purpose: fc.constantFrom("read", "trade", "withdraw"),
  demo: fc.boolean(),
  region: fc.constantFrom("global", "eea", "us"),
  createdOn: fc.integer({ min: -2 * DAY, max: 800 * DAY }).map(at),
  createdOnSource: fc.constantFrom("user", "added", "okx"),
  addedAt: fc.integer({ min: 0, max: 60 * DAY }).map(at),
  consumers: fc.array(fc.record({ name: fc.constantFrom("a", "b", "c", " "), host: fc.option(fc.constantFrom("vps", "nas"), { nil: undefined }) }), {
    maxLength: 3,
  }),
  apiKeyDigest: fc.constantFrom("d1", "d2"),
  status: fc.constantFrom("active", "active", "active", "retired"),
  subAcct: fc.option(fc.constantFrom("sub1"), { nil: null }),
  parentKeyId: fc.option(fc.constantFrom("m1"), { nil: null }),
  managesSubAccounts: fc.boolean(),
  listing: fc.constant(null),
});

const okCheckArb = fc.record({
  outcome: fc.constant("ok" as const),
  code: fc.constant("0"),
  message: fc.constant(""),
  perm: fc.option(fc.subarray(PERMS), { nil: null, freq: 5 }),
  ip: fc.option(fc.subarray(["1.1.1.1", "2.2.2.2"]), { nil: null, freq: 5 }),
  uid: fc.constantFrom("1", "2", null),
  mainUid: fc.constantFrom("1", null),
  label: fc.constantFrom("bot", "renamed", null),
});
const failedCheckArb = fc.constantFrom("50111", "50119", "50113", "50105", "50101", "50110", "50100", "50102", "", "50011").map((code) => ({
  outcome: (code === "50110"
    ? "ip_blocked"
    : code === ""
      ? "network_error"
      : code === "50011"
        ? "rate_limited"
        : code === "50100" || code === "50102"
          ? "error"
          : "auth_error") as AuditCheck["outcome"],
  code,
  message: `m${code}`,
  perm: null,
  ip: null,
  uid: null,
  mainUid: null,
  label: null,
}));

const checksArb: fc.Arbitrary<AuditCheck[]> = fc
  .array(fc.tuple(fc.oneof({ arbitrary: okCheckArb, weight: 3 }, { arbitrary: failedCheckArb, weight: 1 }), fc.integer({ min: 0, max: 60 })), { maxLength: 8 })
  // Half-day steps over 30 days: equal timestamps are common, so id tie-breaking gets exercised.
  .map((xs) => xs.map(([c, halfDays], i) => ({ ...c, id: i + 1, at: at(halfDays * (DAY / 2)) })));

const policyArb: fc.Arbitrary<AuditPolicy> = fc.oneof(
  fc.constant({ ...DEFAULT_POLICY }),
  fc
    .record({
      warn: fc.integer({ min: 1, max: 200 }),
      dd: fc.integer({ min: 1, max: 100 }),
      od: fc.integer({ min: 1, max: 200 }),
      stale: fc.integer({ min: 1, max: 30 }),
      ro: fc.boolean(),
      crit: fc.integer({ min: 1, max: 10 }),
      del: fc.integer({ min: 11, max: 30 }),
    })
    .map((p) => ({
      ageWarnDays: p.warn,
      ageDueDays: p.warn + p.dd,
      ageOverdueDays: p.warn + p.dd + p.od,
      staleCheckDays: p.stale,
      readOnlyNeedsIp: p.ro,
      deletionCriticalDays: p.crit,
      okxDeletionDays: p.del,
    })),
);

function latestOk(checks: AuditCheck[]): AuditCheck | undefined {
  return checks.filter((c) => c.outcome === "ok").sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)[0];
}

const runs = { numRuns: 400 };

describe("audit properties", () => {
  it("more permissions on the current state never improve grade or score", () => {
    fc.assert(
      fc.property(keyArb, checksArb, policyArb, fc.subarray(PERMS, { minLength: 1 }), (key, checks, policy, extra) => {
        const last = latestOk(checks);
        fc.pre(last !== undefined && last.perm !== null);
        const wider = checks.map((c) => (c === last ? { ...c, perm: [...new Set([...c.perm!, ...extra])] } : c));
        const a = auditKey(key, checks, policy, NOW);
        const b = auditKey(key, wider, policy, NOW);
        expect(b.score).toBeLessThanOrEqual(a.score);
        expect(GRADE_RANK[b.grade]).toBeGreaterThanOrEqual(GRADE_RANK[a.grade]);
      }),
      runs,
    );
  });

  it("an older key never scores better than an identical younger one", () => {
    fc.assert(
      fc.property(keyArb, checksArb, policyArb, fc.integer({ min: 0, max: 400 * DAY }), (key, checks, policy, older) => {
        const a = auditKey(key, checks, policy, NOW);
        const b = auditKey({ ...key, createdOn: new Date(key.createdOn.getTime() - older) }, checks, policy, NOW);
        // One deliberate exception: moving the creation date back can put OKX's 14-day deadline before an answer
        // OKX gave later. The key was then provably alive past its deadline, so the countdown is replaced by
        // "when was it last used?" (high), which can rank below the younger key's imminent deadline (critical).
        fc.pre(!b.findings.some((f) => f.rule === "okx-14-day-deletion" && /yet OKX answered/.test(f.title)));
        expect(b.score).toBeLessThanOrEqual(a.score);
        expect(GRADE_RANK[b.grade]).toBeGreaterThanOrEqual(GRADE_RANK[a.grade]);
        expect(b.ageDays).toBeGreaterThanOrEqual(a.ageDays);
      }),
      runs,
    );
  });

  it("every finding is complete and has evidence naming a real check or a stored fact", () => {
    fc.assert(
      fc.property(keyArb, checksArb, policyArb, fc.boolean(), (key, checks, policy, dup) => {
        const r = auditKey(key, checks, policy, NOW, { duplicateDigests: dup ? new Set([key.apiKeyDigest]) : undefined });
        const ids = new Set(checks.map((c) => c.id));
        for (const f of r.findings) {
          expect(f.keyId).toBe(key.id);
          expect(f.title.length).toBeGreaterThan(0);
          expect(f.title).not.toContain("\n");
          expect(f.why.length).toBeGreaterThan(0);
          expect(f.fix.length).toBeGreaterThan(0);
          expect(f.evidence.detail.length).toBeGreaterThan(0);
          if (f.evidence.checkId !== undefined) expect(ids.has(f.evidence.checkId)).toBe(true);
          if (f.evidence.at !== undefined) expect(Number.isNaN(f.evidence.at.getTime())).toBe(false);
          if (f.dueAt !== undefined) expect(Number.isNaN(f.dueAt.getTime())).toBe(false);
        }
      }),
      runs,
    );
  });

  it("every fix step that names an action on this key's Keywarden page carries that action, so the card links to it", () => {
    fc.assert(
      fc.property(keyArb, checksArb, policyArb, fc.boolean(), (key, checks, policy, dup) => {
        const r = auditKey(key, checks, policy, NOW, { duplicateDigests: dup ? new Set([key.apiKeyDigest]) : undefined });
        for (const f of r.findings) {
          f.fix.forEach((step, i) => {
            if (step.includes(`${KW_KEY_PAGE} →`)) expect(f.fixActions?.[i], `${f.rule}: "${step}"`).toBeTruthy();
          });
        }
      }),
      runs,
    );
  });

  it("findings are sorted, grade matches score, retired keys are clean", () => {
    fc.assert(
      fc.property(keyArb, checksArb, policyArb, (key, checks, policy) => {
        const r = auditKey(key, checks, policy, NOW);
        expect([...r.findings].sort(compareFindings)).toEqual(r.findings);
        // Unknown ("?") exactly while OKX has not said what an active key can do.
        expect(r.grade === "?").toBe(key.status === "active" && !r.verified && !r.findings.some((f) => f.severity === "critical"));
        if (r.grade !== "?") expect(gradeForScore(r.score)).toBe(r.grade);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        if (key.status === "retired") expect(r.findings).toEqual([]);
      }),
      runs,
    );
  });

  it("is deterministic and independent of the order of the checks", () => {
    fc.assert(
      fc.property(keyArb, checksArb, policyArb, fc.nat(), (key, checks, policy, seed) => {
        const a = auditKey(key, checks, policy, NOW);
        expect(auditKey(key, checks, policy, new Date(NOW.getTime()))).toEqual(a);
        const shuffled = [...checks]
          .map((c, i) => ({ c, k: (i * 7919 + seed) % 101 }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.c);
        expect(auditKey(key, shuffled, policy, NOW)).toEqual(a);
      }),
      runs,
    );
  });

  it("vault posture stays in range and counts every finding", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, checksArb), { maxLength: 6 }), policyArb, (entries, policy) => {
        const v = auditVault(
          entries.map(([key, checks], i) => ({ key: { ...key, id: `k${i}` }, checks })),
          policy,
          NOW,
        );
        const active = v.keys.filter((k) => k.status === "active");
        // Unknown only when every active key is unverified; then there is no score to show.
        expect(v.posture.grade === "?").toBe(active.length > 0 && active.every((k) => k.grade === "?"));
        expect(v.posture.unverified).toBe(active.filter((k) => k.grade === "?").length);
        if (v.posture.score !== null) {
          expect(v.posture.score).toBeGreaterThanOrEqual(0);
          expect(v.posture.score).toBeLessThanOrEqual(100);
          expect(gradeForScore(v.posture.score)).toBe(v.posture.grade);
        }
        const total = Object.values(v.posture.counts).reduce((s, n) => s + n, 0);
        expect(total).toBe(v.keys.reduce((s, k) => s + k.findings.length, 0));
        expect([...v.topFindings].sort(compareFindings)).toEqual(v.topFindings);
        expect(
          auditVault(
            entries.map(([key, checks], i) => ({ key: { ...key, id: `k${i}` }, checks })),
            policy,
            NOW,
          ),
        ).toEqual(v);
      }),
      { numRuns: 200 },
    );
  });
});
