import "server-only";
// Step 2 (automated): create the new key on OKX through the master key. The intent (IPs, attempt, OKX label) is
// committed before OKX is asked, and each attempt first looks at what OKX already has, so a retry after a crash or
// a lost response never creates a second key: a key with our OKX label but no stored row is an orphan whose secret
// nobody has, so it is deleted and the create runs again under a new attempt label. The created key is stored
// encrypted BEFORE anything is shown.
import { isOkxError, type OkxError } from "@/lib/okx/errors";
import type { CreatedSubAccountKey } from "@/lib/okx/types";
import type { Perm } from "@/lib/domain";
import { AppError } from "@/lib/errors/app-error";
import { deleteKeysLabelled } from "@/lib/master-key";
import { okxLabelFor } from "./plan";
import { generateOkxPassphrase } from "./passphrase";
import { commit, freeLabel, loadRotation, RotationError, type LoadedRotation } from "./rotation-store";
import type { PlanSnapshot } from "./rotation-data";
import { reconcilePendingKey } from "./pending-key";
import { okxFailure, recordError, requireState, type RotationOptions } from "./rotation-context";
import { automatedAccess, type AutomatedAccess } from "./automated-access";
import { parseIpList } from "./ip-list";
import { storeAndLinkReplacement } from "./replacement-key";
import { oneAtATime } from "./rotation-lock";

/**
 * OKX refusing the master key itself, not this request: no trade permission (50120), not bound to IPs (50035), or
 * not a master account's key (59500). Retrying cannot help, so the rotation continues guided.
 */
const FALLBACK_CODES = ["50120", "50035", "59500"];

export interface CreateResult {
  created: boolean;
  /** Set when OKX refused the master key (50120, 50035, 59500) and the rotation fell back to guided. */
  fallbackReason?: string;
}

/** Step 2 (automated): create the new key on OKX, store it encrypted at once, link it. Safe to retry. */
export function createNewKey(rotationId: string, input: { ips?: string }, opts: RotationOptions = {}): Promise<CreateResult> {
  return oneAtATime(rotationId, () => createNewKeyNow(rotationId, input, opts));
}

/** createNewKey for a caller already holding the rotation's lock (oneAtATime is not re-entrant). */
export async function createNewKeyNow(rotationId: string, input: { ips?: string }, opts: RotationOptions): Promise<CreateResult> {
  let rot = await reconcilePendingKey(await loadRotation(rotationId), opts);
  if (rot.state === "new_key_stored" && rot.newKeyId) return { created: true };
  requireState(rot, "planned", "creating");
  const ctx = await automatedAccess(rot, opts);
  const plan = rot.data.plan;
  if (!plan) throw new RotationError("This rotation has no plan; abandon it and start again.");
  if (rot.state === "planned") rot = await commitCreateIntent(rot, ctx, plan, input, opts);
  try {
    rot = await deleteLostAttempt(rot, ctx, opts);
    const created = await createOnOkx(rot, ctx, plan);
    await storeAndLink(rot, ctx, created, opts);
    return { created: true };
  } catch (e) {
    if (isOkxError(e) && FALLBACK_CODES.includes(e.code)) return fallBackToGuided(rot, e, opts);
    if (isOkxError(e)) {
      const err = okxFailure("Creating the new key", e);
      await recordError(rot, "create", err.userMessage, opts);
      throw err;
    }
    if (e instanceof AppError) await recordError(rot, "create", e.userMessage, opts);
    throw e;
  }
}

/** Persists what is about to be asked of OKX (IPs, attempt number, OKX label, the label to store it under). */
async function commitCreateIntent(
  rot: LoadedRotation,
  ctx: AutomatedAccess,
  plan: PlanSnapshot,
  input: { ips?: string },
  opts: RotationOptions,
): Promise<LoadedRotation> {
  const ips = parseIpList(input.ips ?? (plan.oldIps ?? []).join(", "), plan.ipRequired);
  const attempt = rot.data.createAttempt + 1;
  const pendingKeyLabel = await freeLabel((n) => (n === 1 ? plan.newLabel : `${plan.newLabel.slice(0, 58)} #${n}`));
  const okxLabel = okxLabelFor(ctx.old.label, rot.id, attempt);
  return commit(rot, {
    to: "creating",
    step: "create-intent",
    actor: opts.actor,
    data: (d) => ({ ...d, createIps: ips, createAttempt: attempt, okxLabel, pendingKeyLabel, lastError: undefined }),
    detail: { okxLabel, ip: ips, perm: plan.targetPerms },
  });
}

/** Did an earlier attempt create the key and lose the answer? Its secret is unknown, so it cannot be used. */
async function deleteLostAttempt(rot: LoadedRotation, ctx: AutomatedAccess, opts: RotationOptions): Promise<LoadedRotation> {
  const existing = await deleteKeysLabelled(ctx.access, rot.data.okxLabel!);
  if (!existing.length) return rot;
  const attempt = rot.data.createAttempt + 1;
  const okxLabel = okxLabelFor(ctx.old.label, rot.id, attempt);
  return commit(rot, {
    to: "creating",
    step: "orphan-deleted",
    actor: opts.actor,
    data: (d) => ({ ...d, createAttempt: attempt, okxLabel }),
    detail: { orphans: existing.length, previousLabel: existing[0].label, okxLabel },
  });
}

function createOnOkx(rot: LoadedRotation, ctx: AutomatedAccess, plan: PlanSnapshot): Promise<CreatedSubAccountKey> {
  // OKX's sub-account API cannot grant withdraw; the plan's target never needs it for an automated key.
  const perm = plan.targetPerms.filter((p): p is Exclude<Perm, "withdraw"> => p !== "withdraw");
  const { client, master, subAcct } = ctx.access;
  return client.createSubAccountKey(
    master,
    { subAcct, label: rot.data.okxLabel!, passphrase: generateOkxPassphrase(), perm, ip: rot.data.createIps ?? [] },
    { uidHint: master.lastUid },
  );
}

/** Stored encrypted before anything else happens: a crash from here on loses nothing. */
async function storeAndLink(rot: LoadedRotation, ctx: AutomatedAccess, created: CreatedSubAccountKey, opts: RotationOptions): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const createdOn = created.createdAt.toISOString().slice(0, 10);
  await storeAndLinkReplacement(
    rot,
    ctx.old,
    {
      label: rot.data.pendingKeyLabel!,
      createdOn: createdOn > today ? today : createdOn,
      createdOnSource: "okx",
      notes: `Created by Keywarden on sub-account ${ctx.access.subAcct} to replace “${ctx.old.label}”.`,
      apiKey: created.apiKey,
      secretKey: created.secretKey,
      passphrase: created.passphrase,
    },
    opts,
    {
      data: { revealed: false, lastError: undefined },
      detail: (key) => ({ newKeyId: key.id, fingerprint: key.fingerprint, perm: created.perm, ip: created.ip, okxLabel: created.label }),
    },
  );
}

async function fallBackToGuided(rot: LoadedRotation, e: OkxError, opts: RotationOptions): Promise<CreateResult> {
  const reason = `OKX refused the master key (${e.code}): ${e.advice} Continue by hand on okx.com.`;
  await commit(rot, {
    to: "planned",
    mode: "guided",
    step: "fallback",
    actor: opts.actor,
    data: (d) => ({ ...d, fallbackReason: reason, okxLabel: undefined, pendingKeyLabel: undefined, createIps: undefined }),
    detail: { code: e.code },
  });
  return { created: false, fallbackReason: reason };
}
