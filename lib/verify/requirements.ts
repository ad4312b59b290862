// What `keywarden verify` decides for one key from the answer OKX just gave: which failure class it is in and
// whether each requirement a start script asked for held. Pure (no DB, no clock, no I/O), so every class and
// every requirement is unit-tested; lib/cli/commands/verify.ts feeds it the stored check and prints the verdict.
//
// A gate must fail closed: a requirement that cannot be decided (permissions unknown, no answer from OKX) never
// counts as held.
import { goneProof } from "@/lib/audit/gone";
import { daysBetween, fmtDate, fmtDateTime } from "@/lib/audit/time";
import type { AuditCheck } from "@/lib/audit/types";
import { isRegion, type Region } from "@/lib/domain";
import { printable } from "@/lib/export/printable";
import { OKX_ERROR_CODES } from "@/lib/okx/errors";

/** The words a start script uses; OKX says `read_only` for read. */
export const VERIFY_PERMS = ["read", "trade", "withdraw"] as const;
export type VerifyPerm = (typeof VERIFY_PERMS)[number];

const OKX_WORD: Record<VerifyPerm, string> = { read: "read_only", trade: "trade", withdraw: "withdraw" };

export interface VerifyRequirements {
  require: readonly VerifyPerm[];
  forbid: readonly VerifyPerm[];
  requireIp: boolean;
  maxAgeDays: number | null;
  entity: Region | null;
}

/**
 * Failure classes, most decisive first (see worstStatus). `unreachable` also covers answers that say nothing
 * about the key (OKX 5xx, rate limit, this machine's clock off, a reply Keywarden could not read).
 */
export const VERIFY_STATUSES = ["pass", "requirement_failed", "gone", "auth_error", "unreachable"] as const;
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

/**
 * A stored check as the audit takes it (lib/checks' CheckDto is a superset, so the DTO is passed as is), with where
 * it was asked: "gone" is decided by the audit's own proof (lib/audit/gone.ts), so verify and the dead-key finding
 * never disagree.
 */
export type VerifyCheck = AuditCheck;

export interface VerifyKey {
  createdOn: Date;
  createdOnSource: "user" | "added" | "okx";
  region: Region;
  demo: boolean;
  subAcct: string | null;
  /** How the master key's sub-account listing last showed this key (lib/reports' AuditKey.listing). */
  listing: { perm: readonly string[]; ip: readonly string[]; at: Date } | null;
}

export interface VerifyInput {
  key: VerifyKey;
  /** The check this run stored; null when there is none (see `skipped`). */
  check: VerifyCheck | null;
  /** The key's earlier checks (any order), for telling a deleted key from one on another host. */
  earlier: readonly VerifyCheck[];
  /** Why no check was made (lib/checks skipped the key: its secrets were destroyed after a rotation). */
  skipped?: string;
  requirements: VerifyRequirements;
  now: Date;
}

export interface RequirementResult {
  /** "forbid withdraw", "require trade", "require IP binding", "max age 90 days", "entity eea". */
  name: string;
  held: boolean;
  /** false when it could not be decided (and therefore did not hold). */
  known: boolean;
  reason: string;
}

export interface KeyVerdict {
  status: VerifyStatus;
  /** One line: why the key is in its class (for pass: what was verified). */
  summary: string;
  demo: boolean;
  /** The entity whose host answered for the key (null when OKX did not find it). */
  entity: Region | null;
  perm: string[] | null;
  /** Where perm came from: this check, the master key's sub-account listing (with its time), or nowhere. */
  permSource: "check" | "master-listing" | null;
  permListedAt: Date | null;
  ip: string[] | null;
  ageDays: number;
  requirements: RequirementResult[];
}

/**
 * After these OKX said nothing about the key itself: OKX's own trouble (5xx-class codes such as 50001 or 50026) or
 * its rate limit, a request Keywarden built wrong (header and timestamp-format codes), or this machine's clock being
 * off (50102). The kinds come from lib/okx's code table, so a code added there is classified here too.
 */
function saysNothingAboutKey(code: string): boolean {
  const kind = OKX_ERROR_CODES[code]?.kind;
  return code === "50102" || OKX_TROUBLE.has(code) || kind === "server" || kind === "rate" || kind === "bug";
}
/** OKX's own trouble (service unavailable, endpoint timeout, systems busy, system error), sent with HTTP 5xx. */
const OKX_TROUBLE = new Set(["50001", "50004", "50013", "50026"]);

function classify(input: VerifyInput): { status: Exclude<VerifyStatus, "pass" | "requirement_failed"> | "reached"; summary: string } {
  const { check } = input;
  if (!check) {
    if (input.skipped) return { status: "gone", summary: `not checked: ${input.skipped}` };
    return { status: "unreachable", summary: "no answer from OKX was stored" };
  }
  const said = `OKX ${check.code || "(no code)"}${check.message ? `: ${check.message}` : ""}`;
  if (check.outcome === "ok") return { status: "reached", summary: "" };
  if (check.outcome === "ip_blocked") return { status: "reached", summary: "" };
  const gone = goneProof(check, input.earlier);
  if (gone) {
    return {
      status: "gone",
      summary:
        gone.kind === "nowhere"
          ? `the key is gone: no OKX host knows it (${said})`
          : `the key is gone: the host that answered for it at ${fmtDateTime(gone.answered.at)} no longer knows it (${said})`,
    };
  }
  if (check.outcome === "network_error" || check.outcome === "rate_limited" || check.code === "" || saysNothingAboutKey(check.code)) {
    return { status: "unreachable", summary: `OKX could not be asked about the key (${check.message || check.outcome})` };
  }
  return { status: "auth_error", summary: `OKX refused the key (${said})` };
}

function permFacts(key: VerifyKey, check: VerifyCheck): Pick<KeyVerdict, "perm" | "permSource" | "permListedAt" | "ip"> {
  if (check.outcome === "ok")
    return { perm: check.perm ? [...check.perm] : null, permSource: check.perm ? "check" : null, permListedAt: null, ip: check.ip ? [...check.ip] : null };
  // 50110: the key is bound to other IPs. Only a master key's listing of its sub-account says what it may do.
  if (key.subAcct && key.listing) return { perm: [...key.listing.perm], permSource: "master-listing", permListedAt: key.listing.at, ip: [...key.listing.ip] };
  return { perm: null, permSource: null, permListedAt: null, ip: null };
}

function unknownPermReason(check: VerifyCheck | null, key: VerifyKey): string {
  if (check?.outcome === "ip_blocked") {
    return key.subAcct
      ? "permissions unknown: OKX refused this machine's IP (50110) and no stored master key has listed this sub-account key yet (check the master key)"
      : "permissions unknown: OKX refused this machine's IP (50110), and only a sub-account key's permissions can be read through its master key";
  }
  return "permissions unknown: OKX did not say what the key may do";
}

function permRequirements(reqs: VerifyRequirements, facts: Pick<KeyVerdict, "perm"> | null, unknown: string): RequirementResult[] {
  const out: RequirementResult[] = [];
  const perm = facts?.perm ?? null;
  const has = (p: VerifyPerm) => perm!.includes(OKX_WORD[p]);
  for (const p of reqs.require) {
    const name = `require ${p}`;
    if (!perm) out.push({ name, held: false, known: false, reason: unknown });
    else out.push({ name, held: has(p), known: true, reason: has(p) ? `${p} present` : `${p} missing (OKX: ${perm.join(",") || "none"})` });
  }
  for (const p of reqs.forbid) {
    const name = `forbid ${p}`;
    if (!perm) out.push({ name, held: false, known: false, reason: unknown });
    else out.push({ name, held: !has(p), known: true, reason: has(p) ? `${p} present (OKX: ${perm.join(",")})` : `no ${p}` });
  }
  return out;
}

export function evaluateKey(input: VerifyInput): KeyVerdict {
  const { key, check, requirements: reqs, now } = input;
  const ageDays = daysBetween(key.createdOn, now);
  const cls = classify(input);
  const reached = cls.status === "reached" && check !== null;
  const facts = reached ? permFacts(key, check) : { perm: null, permSource: null, permListedAt: null, ip: null };
  const entity = reached ? (isRegion(check.region) ? check.region : key.region) : null;
  const demo = check?.demo ?? key.demo;
  const notAsked = reached ? "" : `not verified: ${cls.summary}`;

  const results: RequirementResult[] = permRequirements(reqs, reached ? facts : null, reached ? unknownPermReason(check, key) : notAsked);
  if (reqs.requireIp) {
    const name = "require IP binding";
    if (!reached) results.push({ name, held: false, known: false, reason: notAsked });
    else if (check.outcome === "ip_blocked")
      results.push({ name, held: true, known: true, reason: "bound to other IPs (OKX refused this machine's IP: 50110)" });
    else if (facts.ip === null) results.push({ name, held: false, known: false, reason: "OKX did not say which IPs are bound" });
    else if (facts.ip.length) results.push({ name, held: true, known: true, reason: `bound to ${facts.ip.length} IP${facts.ip.length === 1 ? "" : "s"}` });
    else results.push({ name, held: false, known: true, reason: "no IP bound (OKX deletes an unbound trade/withdraw key after 14 days unused)" });
  }
  if (reqs.maxAgeDays !== null) {
    const name = `max age ${reqs.maxAgeDays} days`;
    if (key.createdOnSource !== "added") {
      results.push({ name, held: ageDays <= reqs.maxAgeDays, known: true, reason: `${ageDays} days old (created on ${fmtDate(key.createdOn)})` });
    } else {
      // The real creation date was never entered: the key is at least this old, maybe much older. Within the limit
      // that proves nothing, so it does not pass.
      const since = `at least ${ageDays} days old (age unknown: counted from ${fmtDate(key.createdOn)}, the day it was added)`;
      if (ageDays > reqs.maxAgeDays) results.push({ name, held: false, known: true, reason: since });
      else results.push({ name, held: false, known: false, reason: `${since}; enter its created-on date (key page → Edit)` });
    }
  }
  if (reqs.entity !== null) {
    const name = `entity ${reqs.entity}`;
    if (!reached || !entity) results.push({ name, held: false, known: false, reason: notAsked });
    else results.push({ name, held: entity === reqs.entity, known: true, reason: `OKX's ${entity} host answered for the key` });
  }

  const failed = results.filter((r) => !r.held);
  let status: VerifyStatus;
  let summary: string;
  if (!reached) {
    status = cls.status as VerifyStatus;
    summary = cls.summary;
  } else if (failed.length) {
    status = "requirement_failed";
    summary = failed.map((r) => `${r.name}: ${r.reason}`).join("; ");
  } else {
    status = "pass";
    summary = check.outcome === "ip_blocked" ? "works (bound to other IPs: OKX refused this machine, 50110)" : "works";
  }
  return { status, summary, demo, entity, ...facts, ageDays, requirements: results };
}

// Several keys: the exit status is the most decisive class any key is in. A deleted key or one OKX refuses will
// not fix itself, so they come before a requirement, and "could not ask OKX" (worth a retry) comes last.
const PRECEDENCE: readonly VerifyStatus[] = ["gone", "auth_error", "requirement_failed", "unreachable", "pass"];

export function worstStatus(statuses: readonly VerifyStatus[]): VerifyStatus {
  for (const s of PRECEDENCE) if (statuses.includes(s)) return s;
  return "pass";
}

// C0/C1 controls (ESC, CSI, BEL…), DEL, and the bidirectional overrides that can make a label read differently.
const BIDI = /[\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves raw inside strings (it escapes C0 itself; raw newlines outside strings are layout).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Text from a user or from OKX, made safe to write to a terminal: control characters as \xNN like every other
 * command (lib/export/printable), and the bidi overrides that make a label read differently as \uNNNN.
 */
export function terminalSafe(text: string): string {
  return printable(text).replace(BIDI, escapeChar);
}

/**
 * JSON for a terminal or log: JSON.stringify already escapes C0 controls, but leaves C1 controls (0x9b is a CSI
 * on some terminals) and bidi overrides raw. Escaped as \uXXXX the document stays the same JSON.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, escapeChar);
}
