// What a Check row looks like outside the data layer. Structurally a superset of lib/audit's AuditCheck,
// so audit rules can take these directly. Pure (no DB access): the web UI and exports map with it too.
import type { Check } from "@/lib/generated/prisma/client";
import { parseCheckOutcome, parsePerm, type CheckOutcome, type Perm } from "@/lib/domain";
import { splitList } from "@/lib/okx/types";

/**
 * What a master-key check learned about the account's sub-account keys. A failure is soft: the check itself
 * stays "ok". code/message follow Check's rule (OKX's code and words, or "" and our advice).
 */
export type DiscoverySummary = { ok: true; subAccounts: number; keys: number; linked: number } | { ok: false; code: string; message: string };

/**
 * The Check columns that keep OKX's answer as it came (acctType is account/config's `type`: "0" main account, "1"
 * sub-account …; null on errors and older checks): the record a check writes and the DTO it is read back as share them.
 */
export type CheckAnswerFields = Pick<Check, "uid" | "mainUid" | "label" | "acctLv" | "acctType" | "latencyMs" | "skewMs">;

export interface CheckDto extends CheckAnswerFields {
  id: number;
  keyId: string;
  at: Date;
  outcome: CheckOutcome;
  /** OKX's code: "0" when it worked, "" for network errors. */
  code: string;
  /** OKX's message, or our plain advice when OKX said nothing. Never a secret. */
  message: string;
  /** null when the check did not reach the point where OKX told us (errors). */
  perm: Perm[] | null;
  permRaw: string | null;
  ip: string[] | null;
  /** null when no sub-account discovery ran with this check (not a master key, or the check failed). */
  discovery: DiscoverySummary | null;
  /** The entity and environment this answer came from, and the key's own host then; null on checks made before they were recorded. */
  region: string | null;
  demo: boolean | null;
  host: string | null;
  /** Entity detection asked every entity's host in both environments and none knew the key. */
  notFoundAnywhere: boolean;
}

function parseDiscovery(raw: string | null): DiscoverySummary | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Record<string, unknown>>;
    if (v.ok === true) return { ok: true, subAccounts: Number(v.subAccounts) || 0, keys: Number(v.keys) || 0, linked: Number(v.linked) || 0 };
    if (v.ok === false) return { ok: false, code: String(v.code ?? ""), message: String(v.message ?? "") };
  } catch {
    // A hand-edited or truncated value: treat it as "no discovery" rather than failing the page.
  }
  return null;
}

export function toCheckDto(row: Check): CheckDto {
  return {
    id: row.id,
    keyId: row.keyId,
    at: row.at,
    outcome: parseCheckOutcome(row.outcome),
    code: row.code,
    message: row.message,
    perm: row.perm === null ? null : parsePerm(row.perm),
    permRaw: row.perm,
    ip: row.ip === null ? null : splitList(row.ip),
    uid: row.uid,
    mainUid: row.mainUid,
    label: row.label,
    acctLv: row.acctLv,
    acctType: row.acctType,
    latencyMs: row.latencyMs,
    skewMs: row.skewMs,
    discovery: parseDiscovery(row.discovery),
    region: row.region,
    demo: row.demo,
    host: row.host,
    notFoundAnywhere: row.notFoundAnywhere,
  };
}
