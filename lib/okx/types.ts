// DTOs the OKX client returns. Plain data: safe to pass around, store (minus secrets) and render.
import type { Perm, Region } from "@/lib/domain";

/** What a signed request needs. lib/keys' KeyCredentials fits this shape. */
export interface OkxCredentials {
  apiKey: string;
  secretKey: string;
  passphrase: string;
  region: Region;
  demo: boolean;
  /** The key's own host; wins over the region preset, not over OKX_API_BASE_URL. */
  baseUrl?: string | null;
}

export interface AccountConfig {
  uid: string;
  mainUid: string;
  /** uid !== mainUid: the key belongs to a sub-account. */
  isSubAccount: boolean;
  /** Known permissions, in OKX's order. Unknown tokens stay visible in permRaw. */
  perm: Perm[];
  /** OKX's comma list as sent, e.g. "read_only,trade". */
  permRaw: string;
  /** Bound IPs; empty when none is bound. */
  ip: string[];
  label: string;
  acctLv: string;
  roleType: string | null;
  type: string | null;
  kycLv: string | null;
  posMode: string | null;
  level: string | null;
  enableSpotBorrow: boolean | null;
  opAuth: string | null;
}

export interface SubAccount {
  subAcct: string;
  uid: string;
  label: string;
  enabled: boolean;
  createdAt: Date;
  type: string | null;
  frozenFunc: string[];
}

export interface SubAccountKey {
  subAcct: string;
  label: string;
  apiKey: string;
  perm: Perm[];
  permRaw: string;
  ip: string[];
  /** OKX's `ts`: the key's real creation time. */
  createdAt: Date;
}

/** Returned once by createSubAccountKey. The secret must be sealed or shown once, never logged. */
export interface CreatedSubAccountKey extends SubAccountKey {
  secretKey: string;
  passphrase: string;
}

/** What modifying a sub-account key answers: the key as listed, except that OKX's reply may carry no `ts`. */
export interface ModifiedSubAccountKey extends Omit<SubAccountKey, "createdAt"> {
  createdAt: Date | null;
}

export interface ListSubAccountsQuery {
  enable?: boolean;
  subAcct?: string;
  after?: string;
  before?: string;
  limit?: number;
}

export interface CreateSubAccountKeyInput {
  subAcct: string;
  label: string;
  /** Chosen by the caller; OKX never returns it again after creation. */
  passphrase: string;
  perm: Exclude<Perm, "withdraw">[];
  ip: string[];
}

export interface ModifySubAccountKeyInput {
  subAcct: string;
  apiKey: string;
  label?: string;
  perm?: Exclude<Perm, "withdraw">[];
  /** Replaces the bound IPs. */
  ip?: string[];
}

export interface DeleteSubAccountKeyInput {
  subAcct: string;
  apiKey: string;
}

/** How a call went, for Check rows and benchmarks. */
export interface RequestMeta {
  baseUrl: string;
  /** Round trip of the final attempt (excludes time queued by the rate limiter). */
  latencyMs: number;
  /** Time spent waiting for the rate limiter, summed over attempts. */
  queuedMs: number;
  /** Server minus local clock, as applied to the timestamp (ms). */
  skewMs: number;
  attempts: number;
}

export function splitList(raw: string): string[] {
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** OKX timestamps are ms since the epoch as strings. */
export function parseOkxTs(ts: string): Date | null {
  if (!/^\d{1,15}$/.test(ts)) return null;
  const d = new Date(Number(ts));
  return Number.isNaN(d.getTime()) ? null : d;
}
