// Shapes shared by the simulator modules and by tests that drive it.

export type Region = "global" | "eea" | "us";
export const REGIONS: readonly Region[] = ["global", "eea", "us"];

export type Perm = "read_only" | "trade" | "withdraw";

/** A sub-account as the master's seed describes it. */
export interface SimSubAccountInput {
  subAcct: string;
  uid: string;
  label?: string;
  enable?: boolean;
  frozen?: boolean;
  createdAt?: number;
  createdDaysAgo?: number;
}

/** A master account (uid == mainUid) or a standalone account, with its sub-accounts. */
export interface SimAccountInput {
  uid: string;
  /** Defaults to uid (a master account). */
  mainUid?: string;
  label?: string;
  frozen?: boolean;
  acctLv?: "1" | "2" | "3" | "4";
  kycLv?: "0" | "1" | "2" | "3";
  level?: string;
  subAccounts?: SimSubAccountInput[];
}

/** What Keywarden itself should store for a seeded key (used by the demo loader, ignored by the sim). */
export interface SimVaultHint {
  label: string;
  purpose: "read" | "trade" | "withdraw";
  createdOn?: string;
  createdDaysAgo?: number;
  consumers?: string;
  /** The region Keywarden stores, when the user picked another than the key's entity (default: the key's region). */
  region?: Region;
  /** The demo deletes the key on OKX after its first check, as a user would on okx.com (a dead key with history). */
  deletedAfterCheck?: boolean;
}

export interface SimKeyInput {
  apiKey: string;
  secretKey: string;
  passphrase: string;
  label: string;
  /** "read_only,trade" or ["read_only","trade"]; read_only is implied. */
  perm: string | Perm[];
  /** "1.2.3.4,5.6.7.8" or an array; empty = not bound. */
  ip?: string | string[];
  demo?: boolean;
  region?: Region;
  uid: string;
  /** Sub-account name; must match the account the uid belongs to when given. */
  subAcct?: string;
  createdAt?: number;
  createdDaysAgo?: number;
  lastUsedAt?: number;
  lastUsedDaysAgo?: number;
  /** Already deleted on OKX (calls get 50119). */
  deleted?: boolean;
  /** OKX froze this API key (calls get 50100); the account itself may be fine (okx-api.md). */
  frozen?: boolean;
  vault?: SimVaultHint;
}

export interface SimKey {
  apiKey: string;
  secretKey: string;
  passphrase: string;
  label: string;
  perm: Perm[];
  ip: string[];
  demo: boolean;
  region: Region;
  uid: string;
  subAcct?: string;
  createdAt: number;
  /** Last successfully authenticated call; undefined = never used (the 14-day rule counts from createdAt). */
  lastUsedAt?: number;
  deletedAt?: number;
  deletedReason?: "seed" | "expired-14d" | "api" | "removed";
  /** OKX froze the key itself (50100), not necessarily its account. */
  frozen?: boolean;
  vault?: SimVaultHint;
}

export interface SimAccount {
  uid: string;
  mainUid: string;
  label: string;
  frozen: boolean;
  acctLv: string;
  kycLv: string;
  level: string;
  /** Set for sub-accounts. */
  subAcct?: string;
  enable: boolean;
  createdAt: number;
}

export interface SimSeed {
  /** Optional default for the caller IP the sim pretends every request comes from. */
  callerIp?: string;
  accounts: SimAccountInput[];
  keys: SimKeyInput[];
}

export interface SimCall {
  /** Sim-clock ms when the request arrived. */
  at: number;
  region: Region;
  method: string;
  /** Path including the query string, exactly as received. */
  path: string;
  /** Public key from OK-ACCESS-KEY (never the secret), if sent. */
  apiKey?: string;
  /** UID of the key when it was found. */
  uid?: string;
  /** OKX code in the body ("0" on success); "" when no OKX body was sent (fault, hang). */
  code: string;
  /** HTTP status; 0 when the request was left hanging. */
  status: number;
  fault?: "fail" | "hang" | "malformed" | "omit";
}
