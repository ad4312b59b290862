import "server-only";
// Automated rotation (sub-account keys, through the master key that manages them). Each OKX write is preceded
// by a persisted intent, and each step first looks at what OKX already has, so a retry after a crash or a lost
// response never creates a second key or loses one:
//  - create: a key with our OKX label but no stored row is an orphan whose secret nobody has: delete it, then create
//    again under a new attempt label. The created key is stored encrypted BEFORE anything is shown.
//  - delete: skipped when the master's list no longer has the old key; "done" only after the host that answered
//    for the old key before says it does not exist (50119).
import { z } from "zod";
import { getKey, addKey } from "@/lib/keys/key-store";
import { loadKeyCredentials, type KeyCredentials } from "@/lib/keys/credentials";
import { checkKey } from "@/lib/checks/check-key";
import { goneOnOkx } from "@/lib/checks/key-gone";
import type { OkxClient } from "@/lib/okx/client";
import { defaultOkxClient } from "@/lib/okx/default-client";
import { isOkxError, type OkxError } from "@/lib/okx/errors";
import { AppError, ValidationError } from "@/lib/errors/app-error";
import type { KeyDto } from "@/lib/keys/key-dto";
import { consumerText, okxLabelFor } from "./plan";
import { generateOkxPassphrase } from "./passphrase";
import { finishRotation } from "./finish";
import { commit, freeLabel, loadRotation, RotationError, type LoadedRotation } from "./rotation-store";
import { reconcilePendingKey, GONE_CODES } from "./guided-steps";
import { requireState } from "./shared-steps";
import { requireSecretsCopied } from "./reveal-rules";
import { oneAtATime } from "./rotation-lock";
import { deleteKeysLabelled } from "./orphans";
import type { RotationOptions } from "./start-rotation";

// What OKX's IP allowlist takes: addresses, or ranges in CIDR form. zod checks each octet and group.
const ipEntry = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/** "1.2.3.4, 5.6.7.8" or one per line → a clean list; bad entries are refused with the field message. */
export function parseIpList(raw: string, required: boolean): string[] {
  const ips = [...new Set(raw.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
  const bad = ips.filter((ip) => !ipEntry.safeParse(ip).success);
  if (bad.length) throw new ValidationError({ ips: [`Not an IP address: ${bad.join(", ")}.`] });
  if (ips.length > 20) throw new ValidationError({ ips: ["OKX binds at most 20 IP addresses to a key."] });
  if (required && ips.length === 0) throw new ValidationError({ ips: ["A key that can trade must be bound to at least one IP address."] });
  return ips;
}

interface Ctx {
  client: OkxClient;
  old: KeyDto;
  subAcct: string;
  master: KeyCredentials;
}

async function context(rot: LoadedRotation, opts: RotationOptions): Promise<Ctx> {
  if (rot.mode !== "automated") throw new RotationError("This is a guided rotation: create and delete keys on okx.com.");
  const old = await getKey(rot.oldKeyId);
  if (!old.subAcct || !old.parentKeyId) throw new RotationError("The old key is not a sub-account key with a known master key.");
  const master = await loadKeyCredentials(old.parentKeyId);
  return { client: opts.client ?? defaultOkxClient(), old, subAcct: old.subAcct, master };
}

function okxFailure(step: string, e: OkxError): RotationError {
  return new RotationError(`${step} failed: OKX ${e.code ? `error ${e.code}` : e.kind}: ${e.advice} You can retry this step.`, `okx-${e.code || e.kind}`);
}

async function recordError(rot: LoadedRotation, step: string, message: string, opts: RotationOptions) {
  try {
    await commit(rot, { to: rot.state, step: `${step}-failed`, actor: opts.actor, data: (d) => ({ ...d, lastError: { at: new Date().toISOString(), step, message } }), detail: { message } });
  } catch {
    // The failure is still reported to the user; a lost note about it is not worth hiding that.
  }
}

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
  const ctx = await context(rot, opts);
  const plan = rot.data.plan;
  if (!plan) throw new RotationError("This rotation has no plan; abandon it and start again.");
  if (rot.state === "planned") {
    const ips = parseIpList(input.ips ?? (plan.oldIps ?? []).join(", "), plan.ipRequired);
    const attempt = rot.data.createAttempt + 1;
    const pendingKeyLabel = await freeLabel((n) => (n === 1 ? plan.newLabel : `${plan.newLabel.slice(0, 58)} #${n}`));
    const okxLabel = okxLabelFor(ctx.old.label, rot.id, attempt);
    rot = await commit(rot, {
      to: "creating",
      step: "create-intent",
      actor: opts.actor,
      data: (d) => ({ ...d, createIps: ips, createAttempt: attempt, okxLabel, pendingKeyLabel, lastError: undefined }),
      detail: { okxLabel, ip: ips, perm: plan.targetPerms },
    });
  }
  const perm = plan.targetPerms.filter((p): p is "read_only" | "trade" => p !== "withdraw");
  const callOpts = { uidHint: ctx.master.lastUid };
  try {
    // Did an earlier attempt create the key and lose the answer? Its secret is unknown, so it cannot be used.
    const existing = await deleteKeysLabelled(ctx.client, ctx.master, ctx.subAcct, rot.data.okxLabel!, callOpts);
    if (existing.length) {
      const attempt = rot.data.createAttempt + 1;
      const okxLabel = okxLabelFor(ctx.old.label, rot.id, attempt);
      rot = await commit(rot, {
        to: "creating",
        step: "orphan-deleted",
        actor: opts.actor,
        data: (d) => ({ ...d, createAttempt: attempt, okxLabel }),
        detail: { orphans: existing.length, previousLabel: existing[0].label, okxLabel },
      });
    }
    const created = await ctx.client.createSubAccountKey(
      ctx.master,
      { subAcct: ctx.subAcct, label: rot.data.okxLabel!, passphrase: generateOkxPassphrase(), perm, ip: rot.data.createIps ?? [] },
      callOpts,
    );
    // Stored encrypted before anything else happens: a crash from here on loses nothing.
    const today = new Date().toISOString().slice(0, 10);
    const createdOn = created.createdAt.toISOString().slice(0, 10);
    const key = await addKey(
      {
        label: rot.data.pendingKeyLabel!,
        region: ctx.old.region,
        host: ctx.old.host ?? "",
        demo: ctx.old.demo,
        purpose: ctx.old.purpose,
        usedBy: ctx.old.consumers.map(consumerText).join("\n"),
        createdOn: createdOn > today ? today : createdOn,
        notes: `Created by Keywarden on sub-account ${ctx.subAcct} to replace “${ctx.old.label}”.`,
        apiKey: created.apiKey,
        secretKey: created.secretKey,
        passphrase: created.passphrase,
      },
      { actor: opts.actor, createdOnSource: "okx", subAcct: ctx.subAcct, parentKeyId: ctx.old.parentKeyId },
    );
    await commit(rot, {
      to: "new_key_stored",
      step: "new-key",
      actor: opts.actor,
      newKeyId: key.id,
      data: (d) => ({ ...d, pendingKeyLabel: undefined, revealed: false, lastError: undefined }),
      detail: { newKeyId: key.id, fingerprint: key.fingerprint, perm: created.perm, ip: created.ip, okxLabel: created.label },
    });
    return { created: true };
  } catch (e) {
    if (isOkxError(e) && FALLBACK_CODES.includes(e.code)) {
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
    if (isOkxError(e)) {
      const err = okxFailure("Creating the new key", e);
      await recordError(rot, "create", err.userMessage, opts);
      throw err;
    }
    if (e instanceof AppError) await recordError(rot, "create", e.userMessage, opts);
    throw e;
  }
}

export interface RevealedSecrets {
  /** The Keywarden key the secrets belong to: "I have copied them" names it, so a replaced key cannot be confirmed. */
  keyId: string;
  apiKey: string;
  secretKey: string;
  passphrase: string;
}

/** Shows the generated secret once: the flag is committed before the secrets leave, so a second call gets nothing. */
export async function revealNewSecret(rotationId: string, opts: RotationOptions = {}): Promise<RevealedSecrets> {
  const rot = await loadRotation(rotationId);
  if (rot.mode !== "automated" || !rot.newKeyId) throw new RotationError("There is no generated secret to show for this rotation.");
  if (rot.data.revealed !== false || rot.state === "done" || rot.state === "abandoned") {
    throw new RotationError("The new key's secret was already shown once and is never shown again. If you did not copy it, create another new key on this step (the unrevealed one is deleted on OKX).", "rotation-revealed");
  }
  const creds = await loadKeyCredentials(rot.newKeyId);
  await commit(rot, { to: rot.state, step: "secret-revealed", actor: opts.actor, data: (d) => ({ ...d, revealed: true }), detail: { newKeyId: rot.newKeyId } });
  return { keyId: rot.newKeyId, apiKey: creds.apiKey, secretKey: creds.secretKey, passphrase: creds.passphrase };
}

export interface DeleteOldResult {
  done: boolean;
  message: string;
}

/**
 * The old key goes only while its replacement is still stored here and still on OKX: the new key may have been
 * deleted on okx.com, or its row removed, since it was verified. Deleting the old one then would leave nothing.
 */
async function assertNewKeyAlive(rot: LoadedRotation, ctx: Ctx, callOpts: { uidHint: string | null }): Promise<void> {
  const refuse = (why: string) =>
    new RotationError(`${why} The old key is kept, untouched. Abandon this rotation and start a new one.`, "rotation-new-key-gone");
  if (!rot.newKeyId) throw refuse("The new key is no longer stored in Keywarden.");
  let fresh: KeyCredentials;
  try {
    fresh = await loadKeyCredentials(rot.newKeyId);
  } catch {
    throw refuse("The new key is no longer stored in Keywarden.");
  }
  const listed = await ctx.client.listSubAccountKeys(ctx.master, ctx.subAcct, fresh.apiKey, callOpts);
  if (!listed.some((k) => k.apiKey === fresh.apiKey)) throw refuse(`OKX no longer lists the new key on sub-account ${ctx.subAcct}.`);
}

/** Step 5 (automated): delete the old key through the master key and confirm OKX no longer knows it. */
export function deleteOldKey(rotationId: string, opts: RotationOptions = {}): Promise<DeleteOldResult> {
  return oneAtATime(rotationId, () => deleteOldKeyNow(rotationId, opts));
}

async function deleteOldKeyNow(rotationId: string, opts: RotationOptions): Promise<DeleteOldResult> {
  let rot = await loadRotation(rotationId);
  requireState(rot, "switched", "deleting");
  requireSecretsCopied(rot);
  const ctx = await context(rot, opts);
  if (rot.state === "switched") rot = await commit(rot, { to: "deleting", step: "delete-intent", actor: opts.actor, detail: {} });
  const callOpts = { uidHint: ctx.master.lastUid };
  const oldCreds = await loadKeyCredentials(rot.oldKeyId);
  try {
    const listed = await ctx.client.listSubAccountKeys(ctx.master, ctx.subAcct, oldCreds.apiKey, callOpts);
    if (listed.some((k) => k.apiKey === oldCreds.apiKey)) {
      await assertNewKeyAlive(rot, ctx, callOpts);
      await ctx.client.deleteSubAccountKey(ctx.master, { subAcct: ctx.subAcct, apiKey: oldCreds.apiKey }, callOpts);
    }
    const after = await ctx.client.listSubAccountKeys(ctx.master, ctx.subAcct, oldCreds.apiKey, callOpts);
    if (after.some((k) => k.apiKey === oldCreds.apiKey)) {
      const message = "OKX still lists the old key after deleting it. Try this step again in a moment.";
      await recordError(rot, "delete", message, opts);
      return { done: false, message };
    }
  } catch (e) {
    if (isOkxError(e)) {
      const err = okxFailure("Deleting the old key", e);
      await recordError(rot, "delete", err.userMessage, opts);
      throw err;
    }
    throw e;
  }
  const check = await checkKey(rot.oldKeyId, { actor: opts.actor, client: opts.client });
  // Gone from the listing AND 50119 from the host that answered for the old key before: only then is it deleted.
  if (!(check.outcome === "auth_error" && GONE_CODES.includes(check.code) && (await goneOnOkx(check)))) {
    const message =
      check.code === "50119"
        ? "OKX no longer lists the old key, but the host that answered its check (50119) never answered for it before, so that does not prove it deleted. Its secrets are kept; try this step again in a moment."
        : `OKX no longer lists the old key, but it still answered a check (${check.code || check.outcome}). Try this step again in a moment.`;
    await recordError(await loadRotation(rotationId), "delete", message, opts);
    return { done: false, message };
  }
  rot = await loadRotation(rotationId);
  await finishRotation(rot, { code: check.code, how: "deleted via the master key; gone from the sub-account list; account/config refused" }, opts.actor);
  return { done: true, message: `The old key is deleted on OKX (${check.code}), retired, and its secrets are destroyed.` };
}
