// (key facts, check history, policy, now) → findings → grade. Pure: no I/O, no clock reads.
import { normalizePerms } from "@/lib/domain";
import { goneProof } from "./gone";
import { gradeFindings, countBySeverity, gradeForScore } from "./grade";
import { summarizeChecks } from "./history";
import { RULE_IDS, RULES } from "./rules";
import { seenInCheck, type RuleContext } from "./rules/context";
import { deletionSchedule } from "./rules/deletion";
import { compareFindings, emptyCounts } from "./severity";
import { addDays, daysBetween, fmtDateTime } from "./time";
import { severityRank } from "./severity";
import type { AuditCheck, AuditContext, AuditKey, AuditPolicy, Finding, IpBinding, KeyAudit, Severity, VaultAudit } from "./types";

/** How many findings VaultAudit.topFindings holds at most (info findings are never "top"). */
export const TOP_FINDINGS_LIMIT = 20;

/**
 * In the posture an unverified key (grade "?") counts at most this much: the top of grade C, so a key OKX never
 * answered for is never counted as healthy, while its known findings can still pull it lower.
 */
export const UNVERIFIED_SCORE_CAP = 74;

/** A demo key moves only simulated funds: none of its findings is more than low. */
const DEMO_MAX: Severity = "low";

function cleanIps(ip: readonly string[]): string[] {
  return ip.map((s) => s.trim()).filter((s) => s !== "");
}

function ipBindingOf(currentIp: string[] | null, proven: boolean): IpBinding {
  // A 50110 newer than the list we hold: an allowlist exists now; an older list of IPs still says which.
  if (proven) return currentIp && currentIp.length > 0 ? "bound" : "elsewhere";
  return currentIp === null ? "unknown" : currentIp.length > 0 ? "bound" : "none";
}

function deletionDates(s: ReturnType<typeof deletionSchedule>): Pick<KeyAudit, "deletionAt" | "deletionCountedFrom"> {
  return { deletionAt: s?.deletionAt ?? null, deletionCountedFrom: s?.countedFrom ?? null };
}

function capForDemo(f: Finding): Finding {
  return { ...f, demo: true, severity: severityRank(f.severity) > severityRank(DEMO_MAX) ? DEMO_MAX : f.severity };
}

export function auditKey(key: AuditKey, checks: readonly AuditCheck[], policy: AuditPolicy, now: Date, ctx?: AuditContext): KeyAudit {
  const history = summarizeChecks(checks);
  const lastOk = history.lastOk;
  // A master key's listing newer than the key's own last ok answer is the better source of what it can do.
  const listing = key.listing && (!lastOk?.perm || key.listing.at > lastOk.at) ? key.listing : null;
  const currentPerm = listing ? normalizePerms(listing.perm) : lastOk?.perm ? normalizePerms(lastOk.perm) : null;
  const currentIp = listing ? cleanIps(listing.ip) : lastOk?.ip ? cleanIps(lastOk.ip) : null;
  const permSeen = listing ? { at: listing.at, how: `Master key's sub-account listing at ${fmtDateTime(listing.at)}` } : lastOk ? seenInCheck(lastOk) : null;
  const reached = history.lastReached;
  const gone = history.latestConclusive ? goneProof(history.latestConclusive, checks) : null;
  const ruleCtx: RuleContext = {
    key,
    history,
    policy,
    now,
    currentPerm,
    currentIp,
    permSeen,
    okxLabel: lastOk?.label ?? null,
    // A master listing newer than the 50110 answer says exactly which IPs are bound.
    ipBindingProven: reached !== null && reached.outcome === "ip_blocked" && !(listing && listing.at > reached.at),
    deletedOnOkx: gone !== null,
    gone,
    duplicate: ctx?.duplicateDigests?.has(key.apiKeyDigest) ?? false,
    ageDays: daysBetween(key.createdOn, now),
    rotationDueAt: addDays(key.createdOn, policy.ageDueDays),
  };

  let findings: Finding[] = [];
  if (key.status === "active") {
    for (const id of RULE_IDS) findings.push(...RULES[id](ruleCtx));
    if (key.demo) findings = findings.map(capForDemo);
    findings.sort(compareFindings);
  }
  const held = key.rotation?.role === "new" && key.rotation.awaitingVerify;
  const { grade, score } = gradeFindings(findings);
  // Only what OKX said about the key's permissions can make it healthy: until then the grade is unknown.
  const verified = currentPerm !== null;
  return {
    keyId: key.id,
    status: key.status,
    findings: held ? [] : findings,
    heldFindings: held ? findings : [],
    // …except F: a known critical finding makes it F whatever OKX has not said.
    // A rotation's new key before its verify step is not judged yet: "?" like its held findings, in exports too.
    grade: held ? "?" : verified || key.status !== "active" || grade === "F" ? grade : "?",
    score,
    verified,
    ipBinding: ipBindingOf(currentIp, ruleCtx.ipBindingProven),
    ageDays: ruleCtx.ageDays,
    latestCheck: history.latest,
    currentPerm,
    currentIp,
    rotationDueAt: ruleCtx.rotationDueAt,
    ...deletionDates(deletionSchedule(ruleCtx)),
  };
}

/** apiKeyDigests that appear on more than one active key: one pass over the vault. */
export function findDuplicateDigests(keys: readonly AuditKey[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) {
    if (k.status !== "active") continue;
    if (seen.has(k.apiKeyDigest)) dup.add(k.apiKeyDigest);
    else seen.add(k.apiKeyDigest);
  }
  return dup;
}

/**
 * Vault posture over active keys: score = round(½ · mean key score + ½ · worst key score), so one
 * critical key cannot hide behind many healthy ones and a healthy vault still gets credit. Grade uses the
 * same bands as keys. An unverified key counts at most UNVERIFIED_SCORE_CAP; when no key is verified the
 * posture is unknown too ("?", score null). An empty vault (no active keys) scores 100 / A with zero counts.
 */
export function auditVault(keys: readonly { key: AuditKey; checks: readonly AuditCheck[] }[], policy: AuditPolicy, now: Date): VaultAudit {
  const duplicateDigests = findDuplicateDigests(keys.map((k) => k.key));
  const audits = keys.map(({ key, checks }) => auditKey(key, checks, policy, now, { duplicateDigests }));

  const counts = emptyCounts();
  const all: Finding[] = [];
  let sum = 0;
  let worst = 100;
  let active = 0;
  let unverified = 0;
  for (const [i, a] of audits.entries()) {
    // A rotation's half-made new key is neither healthy nor failing yet: it waits for the verify step.
    if (a.status !== "active" || (keys[i].key.rotation?.role === "new" && keys[i].key.rotation?.awaitingVerify)) continue;
    active++;
    const counted = a.verified ? a.score : Math.min(a.score, UNVERIFIED_SCORE_CAP);
    if (a.grade === "?") unverified++;
    sum += counted;
    worst = Math.min(worst, counted);
    countBySeverity(a.findings, counts);
    for (const f of a.findings) if (f.severity !== "info") all.push(f);
  }
  const score = active === 0 ? 100 : Math.round((sum / active + worst) / 2);
  const unknown = active > 0 && unverified === active;
  all.sort(compareFindings);
  return {
    keys: audits,
    posture: { score: unknown ? null : score, grade: unknown ? "?" : gradeForScore(score), counts, unverified },
    topFindings: all.slice(0, TOP_FINDINGS_LIMIT),
  };
}
