// The signed OKX client: one method per endpoint Keywarden uses, each returning a zod-checked DTO. How a request
// travels (host, clock skew, pacing, retries) is the request pipeline's; what each endpoint sends and how its reply
// maps is in endpoints/. Pure (no DB, no server-only) so the CLI and benchmarks use it too.
import { accountConfigCall, toAccountConfig } from "./endpoints/account-config";
import {
  createSubAccountKeyCall,
  deleteSubAccountKeyCall,
  listSubAccountKeysCall,
  modifySubAccountKeyCall,
  toCreatedSubAccountKey,
  toModifiedSubAccountKey,
  toSubAccountKeys,
} from "./endpoints/sub-account-keys";
import { listSubAccountsCall, toSubAccounts } from "./endpoints/sub-account-list";
import { type CallOptions, OkxRequestPipeline, type WithMeta } from "./request-pipeline";
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

export type { CallOptions, OkxClientOptions, WithMeta } from "./request-pipeline";

export class OkxClient extends OkxRequestPipeline {
  /** account/config plus how the request went (latency, clock skew, attempts): what checks store. */
  async getAccountConfigWithMeta(creds: OkxCredentials, opts: CallOptions = {}): Promise<WithMeta<AccountConfig>> {
    const res = await this.signedCall(creds, opts, accountConfigCall);
    return { data: toAccountConfig(res.data), meta: res.meta };
  }

  /** account/config alone, for callers that only need the answer. */
  async getAccountConfig(creds: OkxCredentials, opts: CallOptions = {}): Promise<AccountConfig> {
    return (await this.getAccountConfigWithMeta(creds, opts)).data;
  }

  /** Sub-accounts of the master account `creds` belongs to (one page; OKX pages by `after`/`before`). */
  async listSubAccounts(creds: OkxCredentials, query: ListSubAccountsQuery = {}, opts: CallOptions = {}): Promise<SubAccount[]> {
    return toSubAccounts((await this.signedCall(creds, opts, listSubAccountsCall(query))).data);
  }

  async listSubAccountKeys(creds: OkxCredentials, subAcct: string, apiKey?: string, opts: CallOptions = {}): Promise<SubAccountKey[]> {
    return toSubAccountKeys(subAcct, (await this.signedCall(creds, opts, listSubAccountKeysCall(subAcct, apiKey))).data);
  }

  async createSubAccountKey(creds: OkxCredentials, input: CreateSubAccountKeyInput, opts: CallOptions = {}): Promise<CreatedSubAccountKey> {
    const call = createSubAccountKeyCall(input);
    return toCreatedSubAccountKey(input, (await this.signedCall(creds, opts, call)).data);
  }

  async modifySubAccountKey(creds: OkxCredentials, input: ModifySubAccountKeyInput, opts: CallOptions = {}): Promise<ModifiedSubAccountKey> {
    const call = modifySubAccountKeyCall(input);
    return toModifiedSubAccountKey((await this.signedCall(creds, opts, call)).data);
  }

  async deleteSubAccountKey(creds: OkxCredentials, input: DeleteSubAccountKeyInput, opts: CallOptions = {}): Promise<{ subAcct: string }> {
    const res = await this.signedCall(creds, opts, deleteSubAccountKeyCall(input));
    return { subAcct: res.data[0].subAcct };
  }
}
