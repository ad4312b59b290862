import "server-only";
// Steps both modes share: verify the new key, tick consumers, confirm the switch, abandon.
import { checkKey } from "@/lib/checks/check-key";
import { adviceForCode, isOkxError } from "@/lib/okx/errors";
import { loadKeyCredentials } from "@/lib/keys/credentials";
import { getKey } from "@/lib/keys/key-store";
import { AppError } from "@/lib/errors/app-error";
import { loadPolicy } from "@/lib/reports/vault-audit";
import { recordEvent } from "@/lib/audit-log/record";
import { eraseOldPages } from "@/lib/db/client";
import { defaultOkxClient } from "@/lib/okx/default-client";
import type { Purpose } from "@/lib/audit/types";
import { blockingRefusals, overrideReasons, verifyNewKey, type NewKeyFacts } from "./verify-rules";
import { commit, knownKeyFacts, loadRotation, RotationError, type LoadedRotation } from "./rotation-store";
import type { Refusal } from "./rotation-data";
import type { RotationOptions } from "./start-rotation";
import { oneAtATime } from "./rotation-lock";
import { deleteKeysLabelled } from "./orphans";
import { requireSecretsCopied } from "./reveal-rules";

export interface VerifyResult {
  ok: boolean;
  refusals: Refusal[];
  /** All refusals can be waived by an explicit override. */
  canOverride: boolean;
  overridden: boolean;
}

function requireState(rot: LoadedRotation, ...states: LoadedRotation["state"][]) {
  if (!states.includes(rot.state)) {
    throw new RotationError(`This step is not possible now: the rotation is at “${rot.state.replace(/_/g, " ")}”. Reload the page to see where it stands.`, "rotation-illegal");
  }
}

/** Asks OKX about the new key and applies the rules. Refusals are stored (the step can be retried). */
export async function verifyRotation(rotationId: string, opts: RotationOptions & { override?: boolean } = {}): Promise<VerifyResult> {
  let rot = await loadRotation(rotationId);
  requireState(rot, "new_key_stored");
  if (!rot.newKeyId) throw new RotationError("No new key is linked to this rotation yet.");
  const [oldKey, policy] = await Promise.all([getKey(rot.oldKeyId), loadPolicy()]);
  let oldFacts = await knownKeyFacts(rot.oldKeyId);
  if (!oldFacts.uid && !rot.data.plan?.oldUid && oldKey.hasSecrets) {
    // Never learned which account the old key is on: ask OKX now rather than refuse for lack of a check.
    await checkKey(rot.oldKeyId, { actor: opts.actor, client: opts.client });
    oldFacts = await knownKeyFacts(rot.oldKeyId);
  }
  const check = await checkKey(rot.newKeyId, { actor: opts.actor, client: opts.client });
  let facts: NewKeyFacts = {
    outcome: check.outcome,
    code: check.code,
    message: check.message,
    advice: adviceForCode(check.code, check.skewMs) ?? undefined,
    perm: check.perm,
    ip: check.ip,
    uid: check.uid,
  };
  let source = "account/config";
  let oldUid = oldFacts.uid ?? rot.data.plan?.oldUid ?? null;
  let oldPerm = oldFacts.perm ?? rot.data.plan?.oldPerms ?? null;
  if (check.outcome === "ip_blocked" && rot.mode === "automated") {
    // The new key is bound to the consumers' IPs, not this machine's: the master key can still read it.
    const listed = await listedByMaster(rot.newKeyId, opts);
    if (listed) {
      // Keywarden created it on the old key's sub-account through the same master key: same account by
      // construction, even when the old key (also bound elsewhere) never told its UID.
      oldUid ??= `sub-account ${listed.subAcct}`;
      oldPerm ??= (await listedByMaster(rot.oldKeyId, opts))?.perm ?? null;
      facts = { outcome: "ok", code: "0", message: "", perm: listed.perm, ip: listed.ip, uid: oldUid };
      source = "sub-account key list (50110 from this machine)";
    }
  }
  const refusals = verifyNewKey({ purpose: oldKey.purpose as Purpose, readOnlyNeedsIp: policy.readOnlyNeedsIp, newKey: facts, oldKey: { uid: oldUid, perm: oldPerm } });
  const override = !!opts.override && refusals.some((r) => r.overridable);
  const blocking = blockingRefusals(refusals, override);
  const at = new Date().toISOString();
  const codes = refusals.map((r) => r.code);
  if (blocking.length) {
    rot = await commit(rot, {
      to: "new_key_stored",
      step: "verify-refused",
      actor: opts.actor,
      data: (d) => ({ ...d, verification: { at, ok: false, refusals, overridden: false, source } }),
      detail: { checkId: check.id, outcome: check.outcome, code: check.code, refusals: codes, overrideRequested: !!opts.override },
    });
    return { ok: false, refusals, canOverride: blocking.every((r) => r.overridable), overridden: false };
  }
  await commit(rot, {
    to: "verified",
    step: "verify",
    actor: opts.actor,
    data: (d) => ({
      ...d,
      verification: { at, ok: true, refusals, overridden: override, source },
      ...(override ? { override: { at, reasons: refusals.filter((r) => r.overridable).map((r) => r.code) } } : {}),
      lastError: undefined,
    }),
    detail: { checkId: check.id, perm: facts.perm, ip: facts.ip, uid: facts.uid, source },
    extraEvents: override ? [{ step: "override", detail: { waived: codes, accepted: overrideReasons(refusals) } }] : [],
  });
  return { ok: true, refusals, canOverride: false, overridden: override };
}

/**
 * A sub-account key as its master key's listing shows it (perm, IPs): how Keywarden sees a key bound to its bot's
 * server, which answers 50110 to this machine forever. null when there is no stored master or OKX cannot say.
 */
export async function listedByMaster(keyId: string, opts: RotationOptions) {
  const key = await getKey(keyId);
  if (!key.subAcct || !key.parentKeyId) return null;
  try {
    const [master, own] = await Promise.all([loadKeyCredentials(key.parentKeyId), loadKeyCredentials(key.id)]);
    const list = await (opts.client ?? defaultOkxClient()).listSubAccountKeys(master, key.subAcct, own.apiKey, { uidHint: master.lastUid });
    return list.find((k) => k.apiKey === own.apiKey) ?? null;
  } catch (e) {
    if (isOkxError(e) || e instanceof AppError) return null;
    throw e;
  }
}

export async function setConsumerSwitched(rotationId: string, index: number, done: boolean, opts: RotationOptions = {}): Promise<void> {
  const rot = await loadRotation(rotationId);
  requireState(rot, "verified");
  if (done) requireSecretsCopied(rot);
  const item = rot.data.consumers[index];
  if (!item) throw new RotationError("That consumer is not on this rotation's checklist. Reload the page.");
  if (item.done === done) return;
  await commit(rot, {
    to: "verified",
    step: done ? "consumer-switched" : "consumer-unticked",
    actor: opts.actor,
    data: (d) => ({ ...d, consumers: d.consumers.map((c, i) => (i === index ? { ...c, done, at: done ? new Date().toISOString() : undefined, ...(done ? {} : { written: undefined }) } : c)) }),
    detail: { consumer: item.name, index },
  });
}

export async function confirmConsumersSwitched(rotationId: string, opts: RotationOptions = {}): Promise<void> {
  const rot = await loadRotation(rotationId);
  requireState(rot, "verified");
  const left = rot.data.consumers.filter((c) => !c.done).map((c) => c.name);
  if (left.length) throw new RotationError(`Switch and tick every consumer first. Still using the old key: ${left.join(", ")}.`, "rotation-consumers-left");
  requireSecretsCopied(rot);
  await commit(rot, { to: "switched", step: "consumers-done", actor: opts.actor, detail: { consumers: rot.data.consumers.length } });
}

export interface AbandonOptions extends RotationOptions {
  /** Also remove the new key (on OKX too, for automated). Default: keep it, marked in its notes. */
  deleteNewKey?: boolean;
}

/** Stops a rotation. The old key is never touched; the new key is kept unless the user asks to delete it. */
export function abandonRotation(rotationId: string, opts: AbandonOptions = {}): Promise<void> {
  // Queued behind a create or delete still talking to OKX, so it sees what that step left.
  return oneAtATime(rotationId, () => abandonNow(rotationId, opts));
}

async function abandonNow(rotationId: string, opts: AbandonOptions): Promise<void> {
  const rot = await loadRotation(rotationId);
  if (rot.state === "done" || rot.state === "abandoned") throw new RotationError(`This rotation is already ${rot.state}.`, "rotation-illegal");
  const oldKey = await getKey(rot.oldKeyId);
  if (!oldKey.hasSecrets) throw new RotationError("The old key's secrets are gone; finish the rotation instead of abandoning it.");
  const newKeyId = rot.newKeyId;
  const deleting = !!opts.deleteNewKey && !!newKeyId;
  if (deleting) await assertOldKeyAlive(rot, opts);
  if (deleting && rot.mode === "automated") await deleteOnOkx(newKeyId!, opts);
  const orphans = rot.mode === "automated" && rot.state === "creating" ? await deleteCreateOrphans(rot, opts) : 0;
  const at = new Date().toISOString();
  const newLabel = newKeyId ? (await getKey(newKeyId)).label : null;
  await commit(rot, {
    to: "abandoned",
    step: "abandon",
    actor: opts.actor,
    data: (d) => ({ ...d, abandon: { at, newKey: newKeyId ? (deleting ? "deleted" : "kept") : "none" } }),
    detail: { newKeyId, newKey: newKeyId ? (deleting ? "deleted" : "kept") : "none", ...(orphans ? { orphans } : {}) },
    extra: async (tx) => {
      if (!newKeyId) return;
      if (deleting) {
        await tx.apiKey.delete({ where: { id: newKeyId } });
        await recordEvent({ action: "key.delete", actor: opts.actor, keyId: newKeyId, keyLabel: newLabel ?? undefined, detail: { rotationId: rot.id, reason: "rotation abandoned" } }, tx);
      } else {
        const row = await tx.apiKey.findUnique({ where: { id: newKeyId }, select: { notes: true } });
        const mark = `Added by an abandoned rotation of “${rot.oldKeyLabel}” (${at.slice(0, 10)}). Both keys still work; delete one when you are sure.`;
        if (row) await tx.apiKey.update({ where: { id: newKeyId }, data: { notes: `${mark}\n${row.notes}`.trim().slice(0, 500) } });
      }
    },
  });
  if (deleting) await eraseOldPages();
}

/**
 * Deleting the new key is only safe while the old one still works: the old key may already be deleted on okx.com
 * (guided) or through the master key (automated, a delete whose confirmation failed). OKX answering it normally,
 * or with 50110 (it exists, this machine's IP is not on its list), is the proof.
 */
async function assertOldKeyAlive(rot: LoadedRotation, opts: RotationOptions): Promise<void> {
  const check = await checkKey(rot.oldKeyId, { actor: opts.actor, client: opts.client });
  if (check.outcome === "ok" || check.outcome === "ip_blocked") return;
  throw new RotationError(
    `The old key did not answer OKX normally (${check.code || check.outcome}), so the new key may be the only one that works: it is kept. ` +
      "Abandon without deleting the new key, or finish the rotation.",
    "rotation-old-key-gone",
  );
}

/**
 * Abandoning while a create may have reached OKX (its reply lost): a key under this attempt's OKX label is one
 * whose secret nobody has, so it goes. If OKX cannot be asked now, the abandon waits for a retry rather than
 * leaving such a key behind unnoticed.
 */
async function deleteCreateOrphans(rot: LoadedRotation, opts: RotationOptions): Promise<number | string> {
  const label = rot.data.okxLabel;
  const old = await getKey(rot.oldKeyId);
  if (!label || !old.subAcct || !old.parentKeyId) return 0;
  const master = await loadKeyCredentials(old.parentKeyId);
  try {
    return (await deleteKeysLabelled(opts.client ?? defaultOkxClient(), master, old.subAcct, label, { uidHint: master.lastUid })).length;
  } catch (e) {
    // A passing failure (network, OKX busy): try again later. A lasting one (the master may no longer manage
    // sub-account keys) must not trap the rotation: the abandon goes ahead and the log names the key to check.
    if (isOkxError(e) && e.retryable) {
      throw new RotationError(
        `Keywarden could not check OKX for a key this rotation may have created (${e.code || e.kind}: ${e.advice}). Try abandoning again in a moment.`,
        `okx-${e.code || e.kind}`,
      );
    }
    if (isOkxError(e)) return `not checked (${e.code || e.kind}): look for a key labelled ${label} on sub-account ${old.subAcct}`;
    throw e;
  }
}

async function deleteOnOkx(newKeyId: string, opts: RotationOptions) {
  const newKey = await getKey(newKeyId);
  if (!newKey.subAcct || !newKey.parentKeyId) return;
  const [master, fresh] = await Promise.all([loadKeyCredentials(newKey.parentKeyId), loadKeyCredentials(newKeyId)]);
  const client = opts.client ?? defaultOkxClient();
  const listed = await client.listSubAccountKeys(master, newKey.subAcct, fresh.apiKey, { uidHint: master.lastUid });
  if (listed.some((k) => k.apiKey === fresh.apiKey)) {
    await client.deleteSubAccountKey(master, { subAcct: newKey.subAcct, apiKey: fresh.apiKey }, { uidHint: master.lastUid });
  }
}

export { requireState };
