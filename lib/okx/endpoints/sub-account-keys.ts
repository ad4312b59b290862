// A sub-account's API keys through its master key: list (Read), create, modify and delete (Trade, master bound
// to IPs). Each call is checked here before it is sent: sub-account keys carry only read_only / trade and at
// most 20 IPs, so a request OKX would refuse never leaves.
import type { z } from "zod";
import type { EndpointCall } from "../request-pipeline";
import { createdSubAccountKeySchema, deletedSubAccountKeySchema, modifiedSubAccountKeySchema, subAccountKeysSchema } from "../schemas";
import {
  type CreateSubAccountKeyInput,
  type CreatedSubAccountKey,
  type DeleteSubAccountKeyInput,
  type ModifiedSubAccountKey,
  type ModifySubAccountKeyInput,
  type SubAccountKey,
  parseOkxTs,
  splitList,
} from "../types";
import { parsePerm } from "@/lib/domain";
import { requireTs } from "./reply-time";

const KEYS_PATH = "/api/v5/users/subaccount/apikey";

export function listSubAccountKeysCall(subAcct: string, apiKey: string | undefined): EndpointCall<typeof subAccountKeysSchema> {
  return { method: "GET", path: KEYS_PATH, query: { subAcct, apiKey }, group: "subaccountApikeyGet", schema: subAccountKeysSchema };
}

export function toSubAccountKeys(subAcct: string, data: z.output<typeof subAccountKeysSchema>): SubAccountKey[] {
  return data.map((k) => ({
    subAcct,
    label: k.label,
    apiKey: k.apiKey,
    perm: parsePerm(k.perm),
    permRaw: k.perm,
    ip: splitList(k.ip),
    createdAt: requireTs(k.ts, `GET ${KEYS_PATH}`),
  }));
}

export function createSubAccountKeyCall(input: CreateSubAccountKeyInput): EndpointCall<typeof createdSubAccountKeySchema> {
  assertKeyShape(input.perm, input.ip);
  if (input.perm.length === 0) throw new TypeError("createSubAccountKey: perm must not be empty");
  return {
    method: "POST",
    path: KEYS_PATH,
    body: { subAcct: input.subAcct, label: input.label, passphrase: input.passphrase, perm: input.perm.join(","), ip: input.ip.join(",") },
    group: "subaccountApikeyCreate",
    schema: createdSubAccountKeySchema,
  };
}

/** The new key with its secret: seal it or show it once, never log it. Fields OKX leaves out are what was asked for. */
export function toCreatedSubAccountKey(input: CreateSubAccountKeyInput, data: z.output<typeof createdSubAccountKeySchema>): CreatedSubAccountKey {
  const k = data[0];
  return {
    subAcct: k.subAcct ?? input.subAcct,
    label: k.label ?? input.label,
    apiKey: k.apiKey,
    secretKey: k.secretKey,
    passphrase: k.passphrase ?? input.passphrase,
    perm: parsePerm(k.perm ?? input.perm.join(",")),
    permRaw: k.perm ?? input.perm.join(","),
    ip: k.ip === undefined ? [...input.ip] : splitList(k.ip),
    // Just created: "now" is its creation time to within a round trip.
    createdAt: (k.ts === undefined ? null : parseOkxTs(k.ts)) ?? new Date(),
  };
}

export function modifySubAccountKeyCall(input: ModifySubAccountKeyInput): EndpointCall<typeof modifiedSubAccountKeySchema> {
  assertKeyShape(input.perm ?? [], input.ip ?? []);
  // An empty list would be sent as perm="" and could leave the key with less than the caller meant.
  if (input.perm?.length === 0) throw new TypeError("modifySubAccountKey: perm must not be empty (leave it out to keep the current permissions)");
  const body: Record<string, unknown> = { subAcct: input.subAcct, apiKey: input.apiKey };
  if (input.label !== undefined) body.label = input.label;
  if (input.perm !== undefined) body.perm = input.perm.join(",");
  if (input.ip !== undefined) body.ip = input.ip.join(",");
  return { method: "POST", path: "/api/v5/users/subaccount/modify-apikey", body, group: "subaccountApikeyModify", schema: modifiedSubAccountKeySchema };
}

export function toModifiedSubAccountKey(data: z.output<typeof modifiedSubAccountKeySchema>): ModifiedSubAccountKey {
  const k = data[0];
  return {
    subAcct: k.subAcct,
    label: k.label,
    apiKey: k.apiKey,
    perm: parsePerm(k.perm),
    permRaw: k.perm,
    ip: splitList(k.ip),
    createdAt: k.ts === undefined ? null : parseOkxTs(k.ts),
  };
}

export function deleteSubAccountKeyCall(input: DeleteSubAccountKeyInput): EndpointCall<typeof deletedSubAccountKeySchema> {
  return {
    method: "POST",
    path: "/api/v5/users/subaccount/delete-apikey",
    body: { subAcct: input.subAcct, apiKey: input.apiKey },
    group: "subaccountApikeyDelete",
    schema: deletedSubAccountKeySchema,
  };
}

function assertKeyShape(perm: readonly string[], ip: readonly string[]): void {
  for (const p of perm) if (p !== "read_only" && p !== "trade") throw new TypeError(`Sub-account keys cannot get the "${p}" permission`);
  // OKX binds at most 20 IPs per key.
  if (ip.length > 20) throw new TypeError("OKX allows at most 20 IP addresses per key");
}
