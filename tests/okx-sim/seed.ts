// Seed files: JSON describing accounts and keys (format in README.md), validated before anything is built.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { SimSeed } from "./types";
import type { SimState } from "./state";

const time = { createdAt: z.number().int().optional(), createdDaysAgo: z.number().min(0).optional() };

const subAccount = z.object({
  subAcct: z.string().min(1),
  uid: z.string().regex(/^\d+$/),
  label: z.string().optional(),
  enable: z.boolean().optional(),
  frozen: z.boolean().optional(),
  ...time,
});

const account = z.object({
  uid: z.string().regex(/^\d+$/),
  mainUid: z.string().regex(/^\d+$/).optional(),
  label: z.string().optional(),
  frozen: z.boolean().optional(),
  acctLv: z.enum(["1", "2", "3", "4"]).optional(),
  kycLv: z.enum(["0", "1", "2", "3"]).optional(),
  level: z.string().optional(),
  subAccounts: z.array(subAccount).optional(),
});

const perm = z.enum(["read_only", "trade", "withdraw"]);

const key = z.object({
  apiKey: z.string().min(1),
  secretKey: z.string().min(1),
  passphrase: z.string().min(1),
  label: z.string(),
  perm: z.union([z.string(), z.array(perm)]),
  ip: z.union([z.string(), z.array(z.string())]).optional(),
  demo: z.boolean().optional(),
  region: z.enum(["global", "eea", "us"]).optional(),
  uid: z.string().regex(/^\d+$/),
  subAcct: z.string().optional(),
  ...time,
  lastUsedAt: z.number().int().optional(),
  lastUsedDaysAgo: z.number().min(0).optional(),
  deleted: z.boolean().optional(),
  frozen: z.boolean().optional(),
  vault: z
    .object({
      label: z.string(),
      purpose: z.enum(["read", "trade", "withdraw"]),
      createdOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      createdDaysAgo: z.number().min(0).optional(),
      consumers: z.string().optional(),
      region: z.enum(["global", "eea", "us"]).optional(),
      deletedAfterCheck: z.boolean().optional(),
    })
    .optional(),
});

const seedSchema = z.object({
  $comment: z.string().optional(),
  callerIp: z.string().optional(),
  accounts: z.array(account),
  keys: z.array(key),
});

/** Parses a seed object or reads and parses a seed file path. Throws with the failing field on bad input. */
export function parseSeed(input: SimSeed | string): SimSeed {
  const raw: unknown = typeof input === "string" ? JSON.parse(readFileSync(input, "utf8")) : input;
  const parsed = seedSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid OKX sim seed at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "unknown"}`);
  }
  return parsed.data;
}

/** Adds the seed's accounts then keys; relative times resolve against the sim clock now. */
export function loadSeed(state: SimState, seed: SimSeed): void {
  for (const a of seed.accounts) state.addAccount(a);
  for (const k of seed.keys) state.addKey(k);
}
