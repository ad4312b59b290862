import { DEFAULT_POLICY } from "@/lib/audit/policy";
import type { AuditCheck, AuditKey, AuditPolicy, Finding, RuleId } from "@/lib/audit/types";

export const DAY = 86_400_000;
export const NOW = new Date("2026-06-01T12:00:00.000Z");
export const daysAgo = (d: number, from: Date = NOW) => new Date(from.getTime() - d * DAY);
export const policy = (p: Partial<AuditPolicy> = {}): AuditPolicy => ({ ...DEFAULT_POLICY, ...p });

/** A healthy trading-bot key on a sub-account, 10 days old. */
export function makeKey(k: Partial<AuditKey> = {}): AuditKey {
  return {
    id: "k1",
    label: "freqtrade-main",
    fingerprint: "a1b2…9f0e",
    purpose: "trade",
    demo: false,
    region: "global",
    createdOn: daysAgo(10),
    createdOnSource: "user",
    addedAt: daysAgo(10),
    consumers: [{ name: "freqtrade", host: "vps-1" }],
    apiKeyDigest: "digest-1",
    status: "active",
    subAcct: null,
    parentKeyId: null,
    managesSubAccounts: false,
    listing: null,
    ...k,
  };
}

let nextId = 1000;
/** A successful check, 1 hour ago, read_only+trade, IP-bound, sub-account uid. */
export function ok(c: Partial<AuditCheck> = {}): AuditCheck {
  return {
    id: nextId++,
    at: new Date(NOW.getTime() - 3_600_000),
    outcome: "ok",
    code: "0",
    message: "",
    perm: ["read_only", "trade"],
    ip: ["203.0.113.7"],
    uid: "222",
    mainUid: "111",
    label: "freqtrade-main",
    ...c,
  };
}

export function failed(code: string, c: Partial<AuditCheck> = {}): AuditCheck {
  return {
    id: nextId++,
    at: new Date(NOW.getTime() - 1_800_000),
    outcome: code === "50110" ? "ip_blocked" : code === "" ? "network_error" : code === "50011" ? "rate_limited" : "auth_error",
    code,
    message: `okx says ${code}`,
    perm: null,
    ip: null,
    uid: null,
    mainUid: null,
    label: null,
    ...c,
  };
}

export const only = (findings: Finding[], rule: RuleId) => findings.filter((f) => f.rule === rule);
