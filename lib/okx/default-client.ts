// One client per process so every caller (web checks, check-all jobs, rotation) shares the same
// rate-limit windows and clock-skew cache. Kept on globalThis to survive Next's dev reloads.
import { type CallOptions, OkxClient } from "./client";
import type {
  AccountConfig,
  CreateSubAccountKeyInput,
  CreatedSubAccountKey,
  DeleteSubAccountKeyInput,
  ListSubAccountsQuery,
  ModifiedSubAccountKey,
  ModifySubAccountKeyInput,
  OkxCredentials,
  SubAccount,
  SubAccountKey,
} from "./types";

const g = globalThis as unknown as { keywardenOkxClient?: OkxClient };

export function defaultOkxClient(): OkxClient {
  g.keywardenOkxClient ??= new OkxClient({ timeoutMs: timeoutFromEnv() });
  return g.keywardenOkxClient;
}

/** Replaces the shared client (tests, CLI flags). Pass nothing to start fresh on next use. */
export function setDefaultOkxClient(client?: OkxClient): void {
  g.keywardenOkxClient = client;
}

function timeoutFromEnv(): number | undefined {
  const raw = process.env.OKX_TIMEOUT_MS;
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function getAccountConfig(creds: OkxCredentials, opts?: CallOptions): Promise<AccountConfig> {
  return defaultOkxClient().getAccountConfig(creds, opts);
}

export function listSubAccounts(creds: OkxCredentials, query?: ListSubAccountsQuery, opts?: CallOptions): Promise<SubAccount[]> {
  return defaultOkxClient().listSubAccounts(creds, query, opts);
}

export function listSubAccountKeys(creds: OkxCredentials, subAcct: string, apiKey?: string, opts?: CallOptions): Promise<SubAccountKey[]> {
  return defaultOkxClient().listSubAccountKeys(creds, subAcct, apiKey, opts);
}

export function createSubAccountKey(creds: OkxCredentials, input: CreateSubAccountKeyInput, opts?: CallOptions): Promise<CreatedSubAccountKey> {
  return defaultOkxClient().createSubAccountKey(creds, input, opts);
}

export function modifySubAccountKey(creds: OkxCredentials, input: ModifySubAccountKeyInput, opts?: CallOptions): Promise<ModifiedSubAccountKey> {
  return defaultOkxClient().modifySubAccountKey(creds, input, opts);
}

export function deleteSubAccountKey(creds: OkxCredentials, input: DeleteSubAccountKeyInput, opts?: CallOptions): Promise<{ subAcct: string }> {
  return defaultOkxClient().deleteSubAccountKey(creds, input, opts);
}
