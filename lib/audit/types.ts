// Plain-data inputs and outputs of the audit engine. DB rows, exports and the simulator map into these,
// so nothing here refers to Prisma or to any I/O.
import type { CheckOutcome, Consumer, Perm, Purpose, Region } from "@/lib/domain";

export interface AuditKey {
  id: string;
  label: string;
  fingerprint: string;
  purpose: Purpose;
  demo: boolean;
  region: Region;
  createdOn: Date;
  createdOnSource: "user" | "added" | "okx";
  addedAt: Date;
  /**
   * The last day the owner says the key was used (entered or confirmed by them). OKX reports no last-use time,
   * and a read call by Keywarden is not documented to count as use, so this is the only use anyone vouches for.
   */
  lastUsedOn?: Date | null;
  consumers: Consumer[];
  apiKeyDigest: string;
  status: "active" | "retired";
  subAcct: string | null;
  /** The stored master key that manages this sub-account key (what automated rotation goes through). */
  parentKeyId: string | null;
  /** Some stored key names this one as its master: Keywarden itself uses it to manage sub-account keys. */
  managesSubAccounts: boolean;
  /**
   * How a master key's sub-account listing last showed this key (perm and IPs, OKX's lists). A sub-account key
   * bound to its bot's server answers 50110 to this machine forever; this is how its permissions are known.
   */
  listing: { perm: string[]; ip: string[]; at: Date; subAccountFrozen?: boolean | null } | null;
  /**
   * Set for a key OKX lists under a stored master key that Keywarden does not hold (no secret, no checks of its
   * own): everything known about it comes from `listing`. The master key's label says through which key it is seen.
   */
  unmanaged?: { masterLabel: string } | null;
  /**
   * The key's part in an open rotation. A new key not yet verified is half-made (its consumers still use the old
   * key): its findings wait for the rotation's verify step instead of counting as failures.
   */
  rotation?: { role: "old" | "new"; awaitingVerify: boolean } | null;
  /**
   * The files the latest local scan found this key in (lib/scan): their permission bits and what git says about
   * them. Absent when no scan ran; an empty list when the scan found the key nowhere.
   */
  files?: AuditFile[];
}

export interface AuditFile {
  path: string;
  mode: number;
  git: "none" | "untracked" | "ignored" | "tracked" | "history" | "unknown";
  scannedAt: Date;
}

export interface AuditCheck {
  id: number;
  at: Date;
  outcome: CheckOutcome;
  /** OKX's code: "0" when it worked, "" for network errors. */
  code: string;
  message: string;
  perm: Perm[] | null;
  ip: string[] | null;
  uid: string | null;
  mainUid: string | null;
  label: string | null;
  /** The entity, environment and key's own host this check asked; null/absent on checks from before they were recorded. */
  region?: string | null;
  demo?: boolean | null;
  host?: string | null;
  /** Entity detection asked every entity's host and none knew the key. */
  notFoundAnywhere?: boolean;
}

export interface AuditPolicy {
  ageWarnDays: number;
  ageDueDays: number;
  ageOverdueDays: number;
  staleCheckDays: number;
  /** false: an unbound read-only key is a medium finding; true: high. */
  readOnlyNeedsIp: boolean;
  deletionCriticalDays: number;
  okxDeletionDays: number;
}

export type Severity = "critical" | "high" | "medium" | "low" | "info";

export type RuleId =
  | "age"
  | "withdraw"
  | "excess-permission"
  | "no-ip"
  | "okx-14-day-deletion"
  | "dead-key"
  | "auth-error"
  | "drift"
  | "stale-check"
  | "shared-key"
  | "master-key-bot"
  | "frozen"
  | "bound-elsewhere"
  | "file-readable"
  | "file-in-git"
  | "unmanaged";

export type FindingAction = "rotate" | "check" | "edit";

export interface Evidence {
  checkId?: number;
  at?: Date;
  detail: string;
}

/**
 * The Keywarden form a fix step sends the user to. Pages turn it into a link to that exact form; it is data the
 * rule sets, never parsed back out of the step's words.
 */
export type KwAction =
  | { kind: "replace-secret"; field: "passphrase" | "secretKey" | "apiKey" | "all" }
  | { kind: "edit"; field: "createdOn" | "purpose" | "region" | "label" | "demo" }
  | { kind: "rotate" }
  | { kind: "check" }
  | { kind: "last-used" }
  | { kind: "delete" }
  // On an unmanaged key's page (keys OKX lists that Keywarden does not hold).
  | { kind: "adopt" }
  | { kind: "delete-on-okx" };

export interface Finding {
  rule: RuleId;
  severity: Severity;
  keyId: string;
  title: string;
  why: string;
  fix: string[];
  /** Same length and order as `fix` when set (see fixSteps): the Keywarden form each step names, or null. */
  fixActions?: (KwAction | null)[];
  evidence: Evidence;
  dueAt?: Date;
  action?: FindingAction;
  /** On a demo key: simulated funds only, so the engine caps it at low and ranks it below live findings. */
  demo?: boolean;
}

export type LetterGrade = "A" | "B" | "C" | "D" | "F";
/**
 * "?": OKX has never told Keywarden what the key can do (no successful check, no master listing), unless a known
 * critical finding already makes it F.
 */
export type Grade = LetterGrade | "?";

/**
 * What is known about the key's IP allowlist. "elsewhere": OKX answered 50110 (this machine's IP is not on
 * the allowlist), which proves an allowlist exists without saying which IPs are on it.
 */
export type IpBinding = "bound" | "none" | "elsewhere" | "unknown";

export type SeverityCounts = Record<Severity, number>;

export interface KeyAudit {
  keyId: string;
  status: AuditKey["status"];
  findings: Finding[];
  grade: Grade;
  /**
   * Score from the findings found so far. For an unverified key (grade "?") it is only a ceiling: what OKX
   * has not said may be worse.
   */
  score: number;
  /** OKX has said what the key can do (a successful check, or a master key's listing of it). */
  verified: boolean;
  ipBinding: IpBinding;
  ageDays: number;
  /** Newest check of any outcome (for display). */
  latestCheck: AuditCheck | null;
  /** perm / ip as of the latest successful ("ok") check; null if never checked successfully. */
  currentPerm: Perm[] | null;
  currentIp: string[] | null;
  rotationDueAt: Date;
  /** When OKX is expected to delete the key (live trade/withdraw key without IP binding), else null. */
  deletionAt: Date | null;
  /** The day that countdown runs from (the owner's last-use date, else the key's creation date). */
  deletionCountedFrom: Date | null;
  /**
   * Findings of a rotation's new key before its verify step: shown on its page as waiting, never counted in the
   * posture or listed among the vault's top findings. `findings` is empty while they are held.
   */
  heldFindings: Finding[];
}

export interface Posture {
  /** null when no active key is verified yet (grade "?"). */
  score: number | null;
  grade: Grade;
  counts: SeverityCounts;
  /** Active keys graded "?" (never verified): in the score at most UNVERIFIED_SCORE_CAP each, never as healthy. */
  unverified: number;
}

export interface VaultAudit {
  keys: KeyAudit[];
  posture: Posture;
  topFindings: Finding[];
}

export interface AuditContext {
  /** apiKeyDigests stored on more than one active key; computed once per vault by auditVault. */
  duplicateDigests?: ReadonlySet<string>;
}
