import { describe, expect, it } from "vitest";
import { SEVERITIES, auditKey, auditVault, compareFindings, gradeFindings, severityRank } from "@/lib/audit";
import type { Finding, Severity } from "@/lib/audit";
import { NOW, daysAgo, failed, makeKey, ok, policy } from "./fixtures";

const f = (severity: Severity, rule: Finding["rule"] = "age", keyId = "k"): Finding => ({
  rule,
  severity,
  keyId,
  title: "t",
  why: "w",
  fix: ["x"],
  evidence: { detail: "d" },
});

describe("severity order", () => {
  it("ranks critical highest", () => {
    expect(SEVERITIES).toEqual(["critical", "high", "medium", "low", "info"]);
    expect(SEVERITIES.map(severityRank)).toEqual([4, 3, 2, 1, 0]);
  });
  it("sorts by severity, then rule, then key", () => {
    const sorted = [f("low", "age"), f("high", "no-ip", "b"), f("high", "no-ip", "a"), f("high", "drift"), f("critical", "withdraw")].sort(compareFindings);
    expect(sorted.map((x) => `${x.severity}:${x.rule}:${x.keyId}`)).toEqual([
      "critical:withdraw:k",
      "high:drift:k",
      "high:no-ip:a",
      "high:no-ip:b",
      "low:age:k",
    ]);
  });
});

describe("grading", () => {
  it.each([
    [[], "A", 100],
    [[f("info"), f("info")], "A", 100],
    [[f("low")], "B", 89],
    [[f("medium")], "B", 89],
    [[f("medium"), f("medium")], "C", 74],
    [[f("medium"), f("medium"), f("medium")], "C", 70],
    [[f("high")], "D", 59],
    [[f("high"), f("high"), f("medium")], "D", 40],
    [[f("critical")], "F", 39],
    [[f("critical"), f("critical"), f("critical")], "F", 0],
  ] as const)("%j → %s %d", (findings, grade, score) => {
    expect(gradeFindings([...findings])).toEqual({ grade, score });
  });
});

describe("auditKey", () => {
  it("a healthy key gets A / 100 and exposes its current state", () => {
    const c = ok();
    const r = auditKey(makeKey(), [c], policy(), NOW);
    expect(r).toMatchObject({
      keyId: "k1",
      grade: "A",
      score: 100,
      findings: [],
      latestCheck: c,
      currentPerm: ["read_only", "trade"],
      currentIp: ["203.0.113.7"],
      deletionAt: null,
    });
  });
  it("latestCheck is the newest of any outcome; current state comes from the latest ok", () => {
    const c = ok({ at: daysAgo(1) });
    const n = failed("", { at: daysAgo(0.1) });
    const r = auditKey(makeKey(), [n, c], policy(), NOW);
    expect(r.latestCheck).toBe(n);
    expect(r.currentPerm).toEqual(c.perm);
  });
  it("retired keys produce no findings", () => {
    const r = auditKey(
      makeKey({ status: "retired", purpose: "read", createdOn: daysAgo(999) }),
      [ok({ perm: ["read_only", "withdraw"], ip: [] })],
      policy(),
      NOW,
    );
    expect(r).toMatchObject({ findings: [], grade: "A", score: 100, status: "retired", deletionAt: null });
  });
  it("does not mutate its inputs", () => {
    const checks = [ok({ at: daysAgo(2) }), ok({ at: daysAgo(1), perm: ["trade", "read_only", "withdraw"] })];
    const copy = structuredClone(checks);
    auditKey(makeKey(), checks, policy(), NOW);
    expect(checks).toEqual(copy);
  });
});

describe("auditVault", () => {
  it("an empty vault has a defined posture", () => {
    expect(auditVault([], policy(), NOW)).toEqual({
      keys: [],
      posture: { score: 100, grade: "A", counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, unverified: 0 },
      topFindings: [],
    });
  });
  it("finds duplicate digests across active keys only", () => {
    const a = makeKey({ id: "a", apiKeyDigest: "same" });
    const b = makeKey({ id: "b", apiKeyDigest: "same" });
    const c = makeKey({ id: "c", apiKeyDigest: "same", status: "retired" });
    const d = makeKey({ id: "d", apiKeyDigest: "other" });
    const v = auditVault(
      [a, b, c, d].map((key) => ({ key, checks: [ok()] })),
      policy(),
      NOW,
    );
    const shared = v.keys.map((k) => k.findings.some((x) => x.rule === "shared-key"));
    expect(shared).toEqual([true, true, false, false]);
    expect(
      auditVault(
        [
          { key: a, checks: [ok()] },
          { key: c, checks: [ok()] },
        ],
        policy(),
        NOW,
      ).keys[0]!.findings,
    ).toEqual([]);
  });
  it("posture blends the mean and the worst key; counts add up; retired keys are ignored", () => {
    const healthy = Array.from({ length: 9 }, (_, i) => ({ key: makeKey({ id: `h${i}`, apiKeyDigest: `d${i}` }), checks: [ok()] }));
    const bad = { key: makeKey({ id: "bad", purpose: "read", apiKeyDigest: "x" }), checks: [ok({ perm: ["read_only", "withdraw"] })] };
    const retired = { key: makeKey({ id: "old", status: "retired", apiKeyDigest: "y" }), checks: [] };
    const v = auditVault([...healthy, bad, retired], policy(), NOW);
    // bad: critical withdraw → F 39; mean (9·100 + 39)/10 = 93.9; (93.9 + 39)/2 = 66.45 → 66
    expect(v.posture).toEqual({ score: 66, grade: "C", counts: { critical: 1, high: 0, medium: 0, low: 0, info: 0 }, unverified: 0 });
    expect(v.topFindings.map((x) => x.keyId)).toEqual(["bad"]);
    expect(v.keys).toHaveLength(11);
  });
  it("topFindings: most severe first, no info, at most 20", () => {
    const keys = Array.from({ length: 30 }, (_, i) => ({
      key: makeKey({ id: `k${String(i).padStart(2, "0")}`, apiKeyDigest: `d${i}`, createdOn: daysAgo(i % 2 ? 70 : 200) }),
      checks: [ok({ at: daysAgo(2), label: "a" }), ok({ label: "b" })],
    }));
    const v = auditVault(keys, policy(), NOW);
    expect(v.topFindings).toHaveLength(20);
    expect(v.topFindings[0]!.severity).toBe("high");
    expect(v.topFindings.every((x) => x.severity !== "info")).toBe(true);
    expect([...v.topFindings].sort(compareFindings)).toEqual(v.topFindings);
    expect(v.posture.counts).toEqual({ critical: 0, high: 15, medium: 0, low: 15, info: 30 });
  });
});
