// (key facts, check history, policy, now) → findings → grade. Pure: no I/O, no clock reads.
import { goneProof } from "./gone";
import { gradeFindings, countBySeverity, gradeForScore } from "./grade";
import { summarizeChecks } from "./history";
import { normalizePerms } from "./perms";
import { RULE_IDS, RULES } from "./rules";
import { seenInCheck, type RuleContext } from "./rules/context";
import { deletionSchedule } from "./rules/deletion";
import { compareFindings, emptyCounts } from "./severity";
import { addDays, daysBetween, fmtDateTime } from "./time";
import type { AuditCheck, AuditContext, AuditKey, AuditPolicy, Finding, KeyAudit, VaultAudit } from "./types";

/** How many findings VaultAudit.topFindings holds at most (info findings are never "top"). */
export const TOP_FINDINGS_LIMIT = 20;

function cleanIps(ip: readonly string[]): string[] {
  return ip.map((s) => s.trim()).filter((s) => s !== "");
}

export function auditKey(
  key: AuditKey,
  checks: readonly AuditCheck[],
  policy: AuditPolicy,
  now: Date,
  ctx?: AuditContext,
): KeyAudit {
  const history = summarizeChecks(checks);
  const lastOk = history.lastOk;
  // A master key's listing newer than the key's own last ok answer is the better source of what it can do.
  const listing = key.listing && (!lastOk?.perm || key.listing.at > lastOk.at) ? key.listing : null;
  const currentPerm = listing ? normalizePerms(listing.perm) : lastOk?.perm ? normalizePerms(lastOk.perm) : null;
  const currentIp = listing ? cleanIps(listing.ip) : lastOk?.ip ? cleanIps(lastOk.ip) : null;
  const permSeen = listing
    ? { at: listing.at, how: `Master key's sub-account listing at ${fmtDateTime(listing.at)}` }
    : lastOk
      ? seenInCheck(lastOk)
      : null;
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
    ipBindingProven: reached !== null && reached.outcome === "ip_blocked",
    deletedOnOkx: gone !== null,
    gone,
    duplicate: ctx?.duplicateDigests?.has(key.apiKeyDigest) ?? false,
    ageDays: daysBetween(key.createdOn, now),
    rotationDueAt: addDays(key.createdOn, policy.ageDueDays),
  };

  const findings: Finding[] = [];
  if (key.status === "active") {
    for (const id of RULE_IDS) findings.push(...RULES[id](ruleCtx));
    findings.sort(compareFindings);
  }
  const held = key.rotation?.role === "new" && key.rotation.awaitingVerify;
  const { grade, score } = gradeFindings(findings);
  return {
    keyId: key.id,
    status: key.status,
    findings: held ? [] : findings,
    heldFindings: held ? findings : [],
    grade,
    score,
    ageDays: ruleCtx.ageDays,
    latestCheck: history.latest,
    currentPerm,
    currentIp,
    rotationDueAt: ruleCtx.rotationDueAt,
    deletionAt: deletionSchedule(ruleCtx)?.deletionAt ?? null,
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
 * same bands as keys. An empty vault (no active keys) scores 100 / A with zero counts.
 */
export function auditVault(
  keys: readonly { key: AuditKey; checks: readonly AuditCheck[] }[],
  policy: AuditPolicy,
  now: Date,
): VaultAudit {
  const duplicateDigests = findDuplicateDigests(keys.map((k) => k.key));
  const audits = keys.map(({ key, checks }) => auditKey(key, checks, policy, now, { duplicateDigests }));

  const counts = emptyCounts();
  const all: Finding[] = [];
  let sum = 0;
  let worst = 100;
  let active = 0;
  for (const [i, a] of audits.entries()) {
    // A rotation's half-made new key is neither healthy nor failing yet: it waits for the verify step.
    if (a.status !== "active" || (keys[i].key.rotation?.role === "new" && keys[i].key.rotation?.awaitingVerify)) continue;
    active++;
    sum += a.score;
    worst = Math.min(worst, a.score);
    countBySeverity(a.findings, counts);
    for (const f of a.findings) if (f.severity !== "info") all.push(f);
  }
  const score = active === 0 ? 100 : Math.round((sum / active + worst) / 2);
  all.sort(compareFindings);
  return {
    keys: audits,
    posture: { score, grade: gradeForScore(score), counts },
    topFindings: all.slice(0, TOP_FINDINGS_LIMIT),
  };
}
