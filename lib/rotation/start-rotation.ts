import "server-only";
// Starting a rotation: build the plan from the old key and its last check, pick the mode. A sub-account key goes
// automated only when its master key can manage sub-account keys (a master, with trade, bound to IPs; checked
// with one account/config call); otherwise it falls back to guided and says why.
import { getKey } from "@/lib/keys/key-store";
import { checkKey } from "@/lib/checks/check-key";
import { loadKeyCredentials } from "@/lib/keys/credentials";
import { AppError } from "@/lib/errors/app-error";
import { isOkxError } from "@/lib/okx/errors";
import type { KeyDto } from "@/lib/keys/key-dto";
import { listedByMaster } from "@/lib/master-key";
import { buildPlan, rotatedLabel, snapshotOf, type RotationPlan } from "./plan";
import { planInputFor } from "./plan-input";
import { freeLabel, insertRotation, openRotationIdFor, RotationError } from "./rotation-store";
import { okxClient, type RotationOptions } from "./rotation-context";
import type { RotationMode } from "./states";

function assertRotatable(key: KeyDto) {
  if (key.status !== "active") throw new RotationError(`“${key.label}” is retired; there is nothing to rotate.`, "rotation-retired");
  if (!key.hasSecrets) throw new RotationError(`The secrets of “${key.label}” were destroyed; it cannot be rotated.`, "rotation-retired");
}

/** The mode a key would get if nothing on OKX said otherwise. */
export function preferredMode(key: Pick<KeyDto, "subAcct" | "parentKeyId">): RotationMode {
  return key.subAcct && key.parentKeyId ? "automated" : "guided";
}

/** The plan shown before the user starts (no OKX call, nothing written). */
export async function previewPlan(keyId: string): Promise<RotationPlan> {
  const key = await getKey(keyId);
  const input = await planInputFor(key);
  const newLabel = await freeLabel((n) => rotatedLabel(key.label, input.now, n));
  const plan = buildPlan(input, preferredMode(key));
  return { ...plan, newLabel, instructions: plan.instructions.map((s) => s.replace(plan.newLabel, newLabel)) };
}

/** null when the master key can create and delete sub-account keys, else the reason (shown to the user). */
export async function automatedBlocker(key: KeyDto, opts: RotationOptions = {}): Promise<string | null> {
  if (!key.subAcct || !key.parentKeyId) return "This is a master-account key: OKX only lets you create and delete those on okx.com.";
  let master: KeyDto;
  try {
    master = await getKey(key.parentKeyId);
  } catch {
    return "The master key that manages this sub-account is no longer stored in Keywarden.";
  }
  if (master.status !== "active" || !master.hasSecrets) return `The master key “${master.label}” is retired.`;
  const client = okxClient(opts);
  try {
    const creds = await loadKeyCredentials(master.id);
    const config = await client.getAccountConfig(creds, { uidHint: creds.lastUid });
    if (config.isSubAccount) return `“${master.label}” is itself a sub-account key; only a master-account key can manage sub-account keys (59500).`;
    if (!config.perm.includes("trade"))
      return `The master key “${master.label}” has no Trade permission, which OKX requires to create and delete sub-account keys (50120).`;
    if (config.ip.length === 0)
      return `The master key “${master.label}” is not bound to an IP address; OKX only lets IP-bound master keys create and delete sub-account keys (50035).`;
    return null;
  } catch (e) {
    if (isOkxError(e)) return `Keywarden could not use the master key “${master.label}”: OKX ${e.code || e.kind}: ${e.advice}`;
    if (e instanceof AppError) return e.userMessage;
    throw e;
  }
}

export interface StartResult {
  rotationId: string;
  mode: RotationMode;
  fallbackReason: string | null;
}

export async function startRotation(keyId: string, opts: RotationOptions = {}): Promise<StartResult> {
  const key = await getKey(keyId);
  assertRotatable(key);
  const open = await openRotationIdFor(keyId);
  if (open) throw new RotationError(`“${key.label}” already has a rotation in progress. Continue that one, or abandon it first.`, "rotation-open");
  let mode = preferredMode(key);
  let fallbackReason: string | null = null;
  if (mode === "automated") {
    fallbackReason = await automatedBlocker(key, opts);
    if (fallbackReason) mode = "guided";
  }
  let input = await planInputFor(key);
  if (input.oldPerms === null) {
    // No successful check yet: one now gives the plan the key's real permissions, IPs and account.
    await checkKey(key.id, { actor: opts.actor, client: opts.client }).catch((e: unknown) => {
      if (!(e instanceof AppError)) throw e;
    });
    input = await planInputFor(key);
  }
  if (input.oldPerms === null && mode === "automated") {
    // Bound to its bot's server only, the key answers 50110 here forever; its master's listing still tells what
    // it can do, so the new key gets no more than the old one had.
    const listed = await listedByMaster(key.id, okxClient(opts));
    if (listed) input = { ...input, oldPerms: listed.perm, oldIps: listed.ip };
  }
  const newLabel = await freeLabel((n) => rotatedLabel(key.label, input.now, n));
  const plan = buildPlan(input, mode);
  const snapshot = { ...snapshotOf(plan, input.oldUid), newLabel };
  const rotationId = await insertRotation({
    oldKeyId: key.id,
    oldKeyLabel: key.label,
    mode,
    actor: opts.actor,
    data: {
      rev: 0,
      steps: {},
      plan: snapshot,
      consumers: (key.consumers.length ? key.consumers : [{ name: "Everything that uses the old key (no consumers recorded)" }]).map((c) => ({
        ...c,
        done: false,
      })),
      createAttempt: 0,
      ...(fallbackReason ? { fallbackReason } : {}),
    },
    detail: { targetPerms: plan.targetPerms, ...(fallbackReason ? { fallbackReason } : {}) },
  });
  return { rotationId, mode, fallbackReason };
}
