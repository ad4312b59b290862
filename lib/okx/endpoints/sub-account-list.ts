// GET /api/v5/users/subaccount/list (master key, Read): one page of the account's sub-accounts.
import type { z } from "zod";
import type { EndpointCall } from "../request-pipeline";
import { subAccountListSchema } from "../schemas";
import type { ListSubAccountsQuery, SubAccount } from "../types";
import { requireTs } from "./reply-time";

const PATH = "/api/v5/users/subaccount/list";

export function listSubAccountsCall(query: ListSubAccountsQuery): EndpointCall<typeof subAccountListSchema> {
  return { method: "GET", path: PATH, query: { ...query }, group: "subaccountList", schema: subAccountListSchema };
}

export function toSubAccounts(data: z.output<typeof subAccountListSchema>): SubAccount[] {
  return data.map((s) => ({
    subAcct: s.subAcct,
    uid: s.uid,
    label: s.label,
    enabled: s.enable,
    createdAt: requireTs(s.ts, `GET ${PATH}`),
    type: s.type ?? null,
    frozenFunc: s.frozenFunc ?? [],
  }));
}
