import "server-only";
// The audit policy (thresholds of the audit rules) as stored in the Setting table. Read by every audit
// (lib/reports) and by rotation's checks; written from Settings, validated here, one transaction with its event.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { DEFAULT_POLICY, policyOrDefault, policySchema, type AuditPolicy } from "@/lib/audit";
import { recordEvent, type Actor } from "@/lib/event-log/record";
import { parseInput } from "@/lib/errors/parse-input";
import { readSetting, writeSetting } from "./settings";

const KEY = "auditPolicy";

/** The stored policy; fields missing from an older row take their defaults, an unreadable row means the defaults. */
export async function loadPolicy(): Promise<AuditPolicy> {
  return policyOrDefault(await readSetting(KEY, z.unknown(), null));
}

/** A new policy (the form's fields, or a policy object): refused with field messages unless every rule holds. */
export async function savePolicy(input: unknown, opts: { actor?: Actor } = {}): Promise<AuditPolicy> {
  const policy = parseInput(policySchema, input);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await writeSetting(KEY, policy, tx);
    await recordEvent({ action: "settings.policy", actor: opts.actor, detail: { ...policy } }, tx);
  });
  return policy;
}

export async function resetPolicy(opts: { actor?: Actor } = {}): Promise<AuditPolicy> {
  const policy = { ...DEFAULT_POLICY };
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await writeSetting(KEY, policy, tx);
    await recordEvent({ action: "settings.policy-reset", actor: opts.actor }, tx);
  });
  return policy;
}
