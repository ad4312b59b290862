import "server-only";
// Step 3 (both modes): ask OKX about the new key and apply the rules (verify-rules.ts). Refusals are stored, so the
// step can be retried, or waived by an explicit override where every refusal allows one.
import { checkKey, type KeyCheckResult } from "@/lib/checks/check-key";
import { adviceForCode } from "@/lib/okx/errors";
import { getKey } from "@/lib/keys/key-store";
import type { KeyDto } from "@/lib/keys/key-dto";
import { loadPolicy } from "@/lib/settings/audit-policy";
import { listedByMaster } from "@/lib/master-key";
import type { Perm, Purpose } from "@/lib/domain";
import { blockingRefusals, overrideReasons, verifyNewKey, type NewKeyFacts } from "./verify-rules";
import { commit, knownKeyFacts, loadRotation, RotationError, type LoadedRotation } from "./rotation-store";
import type { Refusal } from "./rotation-data";
import { okxClient, requireState, type RotationOptions } from "./rotation-context";

export interface VerifyResult {
  ok: boolean;
  refusals: Refusal[];
  /** All refusals can be waived by an explicit override. */
  canOverride: boolean;
  overridden: boolean;
}

/** What the new key is compared with: the old key's account and permissions. */
interface OldKeyFacts {
  uid: string | null;
  perm: Perm[] | null;
}

/** What verification learned about the new key, and from where. */
interface Findings {
  check: KeyCheckResult;
  facts: NewKeyFacts;
  source: string;
  old: OldKeyFacts;
}

/** Asks OKX about the new key and applies the rules. Refusals are stored (the step can be retried). */
export async function verifyRotation(rotationId: string, opts: RotationOptions & { override?: boolean } = {}): Promise<VerifyResult> {
  const rot = await loadRotation(rotationId);
  requireState(rot, "new_key_stored");
  if (!rot.newKeyId) throw new RotationError("No new key is linked to this rotation yet.");
  const [oldKey, policy] = await Promise.all([getKey(rot.oldKeyId), loadPolicy()]);
  const old = await oldKeyFacts(rot, oldKey, opts);
  const found = await newKeyFindings(rot, rot.newKeyId, old, opts);
  const refusals = verifyNewKey({ purpose: oldKey.purpose as Purpose, readOnlyNeedsIp: policy.readOnlyNeedsIp, newKey: found.facts, oldKey: found.old });
  const override = !!opts.override && refusals.some((r) => r.overridable);
  const blocking = blockingRefusals(refusals, override);
  if (blocking.length) return refuse(rot, found, refusals, blocking, opts);
  return accept(rot, found, refusals, override, opts);
}

/** The old key's account and permissions; a key never checked successfully is asked now rather than refused. */
async function oldKeyFacts(rot: LoadedRotation, oldKey: KeyDto, opts: RotationOptions): Promise<OldKeyFacts> {
  let facts = await knownKeyFacts(rot.oldKeyId);
  if (!facts.uid && !rot.data.plan?.oldUid && oldKey.hasSecrets) {
    await checkKey(rot.oldKeyId, { actor: opts.actor, client: opts.client });
    facts = await knownKeyFacts(rot.oldKeyId);
  }
  return { uid: facts.uid ?? rot.data.plan?.oldUid ?? null, perm: facts.perm ?? rot.data.plan?.oldPerms ?? null };
}

async function newKeyFindings(rot: LoadedRotation, newKeyId: string, old: OldKeyFacts, opts: RotationOptions): Promise<Findings> {
  const check = await checkKey(newKeyId, { actor: opts.actor, client: opts.client });
  const facts: NewKeyFacts = {
    outcome: check.outcome,
    code: check.code,
    message: check.message,
    advice: adviceForCode(check.code, check.skewMs) ?? undefined,
    perm: check.perm,
    ip: check.ip,
    uid: check.uid,
  };
  const found = { check, facts, source: "account/config", old };
  if (check.outcome === "ip_blocked" && rot.mode === "automated") return (await asListedByMaster(rot, newKeyId, found, opts)) ?? found;
  return found;
}

/**
 * The new key is bound to the consumers' IPs, not this machine's: the master key can still read it. Keywarden
 * created it on the old key's sub-account through the same master key: same account by construction, even when
 * the old key (also bound elsewhere) never told its UID.
 */
async function asListedByMaster(rot: LoadedRotation, newKeyId: string, found: Findings, opts: RotationOptions): Promise<Findings | null> {
  const client = okxClient(opts);
  const listed = await listedByMaster(newKeyId, client);
  if (!listed) return null;
  const uid = found.old.uid ?? `sub-account ${listed.subAcct}`;
  const perm = found.old.perm ?? (await listedByMaster(rot.oldKeyId, client))?.perm ?? null;
  return {
    check: found.check,
    facts: { outcome: "ok", code: "0", message: "", perm: listed.perm, ip: listed.ip, uid },
    source: "sub-account key list (50110 from this machine)",
    old: { uid, perm },
  };
}

async function refuse(
  rot: LoadedRotation,
  found: Findings,
  refusals: Refusal[],
  blocking: Refusal[],
  opts: RotationOptions & { override?: boolean },
): Promise<VerifyResult> {
  const at = new Date().toISOString();
  const { check, source } = found;
  await commit(rot, {
    to: "new_key_stored",
    step: "verify-refused",
    actor: opts.actor,
    data: (d) => ({ ...d, verification: { at, ok: false, refusals, overridden: false, source } }),
    detail: { checkId: check.id, outcome: check.outcome, code: check.code, refusals: refusals.map((r) => r.code), overrideRequested: !!opts.override },
  });
  return { ok: false, refusals, canOverride: blocking.every((r) => r.overridable), overridden: false };
}

async function accept(rot: LoadedRotation, found: Findings, refusals: Refusal[], override: boolean, opts: RotationOptions): Promise<VerifyResult> {
  const at = new Date().toISOString();
  const { check, facts, source } = found;
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
    extraEvents: override ? [{ step: "override", detail: { waived: refusals.map((r) => r.code), accepted: overrideReasons(refusals) } }] : [],
  });
  return { ok: true, refusals, canOverride: false, overridden: override };
}
