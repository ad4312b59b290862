// Whether a freshly checked new key may replace the old one. Pure: (what OKX said about the new key, what we know
// about the old key, purpose, policy) → the exact reasons to refuse. Only "more permission than the old key" can be
// overridden (by the user, logged); more than the purpose needs, another account, or no IP binding cannot.
//
// "old-perm-unknown" is that same case, not a separate loophole. An unknown or different account, more than the
// purpose needs and a missing IP binding each keep their own non-overridable refusal, so an override can only go
// through when all of those pass; the one thing then left unverified is whether the new key has more permission
// than the old one. Overriding it accepts exactly the risk of overriding "more-than-old", and the UI and the audit
// log name it that way (OVERRIDE_REASONS). It is raised only for permissions beyond Read: a Read-only new key can
// never exceed the old key (every OKX key can read).
import { canMoveFunds, excessPerms } from "@/lib/audit/perms";
import { normalizePerms, permWord, purposeNoun, type Perm, type Purpose } from "@/lib/domain";
import type { Refusal } from "./rotation-data";

export interface NewKeyFacts {
  /** ok: OKX answered account/config. ip_blocked: 50110, the key exists but this machine is not allowed. */
  outcome: string;
  code: string;
  message: string;
  /** Plain advice for the code, when OKX refused. */
  advice?: string;
  perm: Perm[] | null;
  ip: string[] | null;
  uid: string | null;
}

export interface OldKeyFacts {
  uid: string | null;
  perm: Perm[] | null;
}

export interface VerifyInput {
  purpose: Purpose;
  readOnlyNeedsIp: boolean;
  newKey: NewKeyFacts;
  oldKey: OldKeyFacts;
}

const words = (perms: readonly Perm[]) => perms.map(permWord).join(", ");

/** What the user accepts by overriding each overridable refusal: the button text and the audit log say this. */
export const OVERRIDE_REASONS: Readonly<Record<string, string>> = {
  "more-than-old": "more permission than the old key",
  "old-perm-unknown": "possibly more permission than the old key (its permissions were never read from OKX)",
};

/** The override reasons for a set of refusals (only overridable ones; unknown codes are named by their code). */
export function overrideReasons(refusals: readonly Refusal[]): string[] {
  return [...new Set(refusals.filter((r) => r.overridable).map((r) => OVERRIDE_REASONS[r.code] ?? r.code))];
}

/** true when policy requires this permission set to be bound to IPs. */
export function ipBindingRequired(perm: readonly Perm[], readOnlyNeedsIp: boolean): boolean {
  return canMoveFunds(perm) || readOnlyNeedsIp;
}

export function verifyNewKey(input: VerifyInput): Refusal[] {
  const { newKey, oldKey } = input;
  if (newKey.outcome === "ip_blocked") {
    // Decision: 50110 proves the key exists, but OKX tells us nothing else (uid, perm, ip), so the checks below
    // cannot run. Verifying from a machine the key trusts is the only honest way forward.
    return [
      {
        code: "ip-blocked",
        message:
          "OKX says the new key exists, but this machine's IP address is not in its allowlist (50110), so Keywarden cannot read its account or permissions. On okx.com, add this machine's IP to the new key's allowlist, verify again, then remove it if you want.",
        overridable: false,
      },
    ];
  }
  if (newKey.outcome !== "ok") {
    const detail = newKey.advice ?? newKey.message;
    return [
      {
        code: "not-reached",
        message: `OKX did not accept the new key${newKey.code ? ` (${newKey.code})` : ""}: ${detail || "no answer"} Fix it and verify again.`,
        overridable: false,
      },
    ];
  }
  const refusals: Refusal[] = [];
  const perm = normalizePerms(newKey.perm ?? []);
  if (!oldKey.uid) {
    refusals.push({
      code: "old-uid-unknown",
      message:
        "Keywarden never saw which OKX account the old key belongs to, so it cannot confirm the new key is on the same account. Check the old key from its page first (it must still work), then verify again.",
      overridable: false,
    });
  } else if (newKey.uid !== oldKey.uid) {
    refusals.push({
      code: "other-account",
      message: `The new key belongs to another OKX account (UID ${newKey.uid ?? "unknown"}, the old key's is ${oldKey.uid}). Create the new key on the same account (or sub-account) as the old one.`,
      overridable: false,
    });
  }
  const beyondPurpose = excessPerms(input.purpose, perm);
  if (beyondPurpose.length) {
    refusals.push({
      code: "more-than-purpose",
      message: `The new key has ${words(beyondPurpose)} permission, which a ${purposeNoun(input.purpose)} does not need. On okx.com, edit the new key and untick it, then verify again.`,
      overridable: false,
    });
  }
  if (oldKey.perm === null) {
    // Same risk as "more-than-old" (see the header): only what could exceed the old key, within the purpose.
    const couldExceed = perm.filter((p) => p !== "read_only" && !beyondPurpose.includes(p));
    if (couldExceed.length) {
      refusals.push({
        code: "old-perm-unknown",
        message: `Keywarden never read the old key's permissions from OKX, so it cannot rule out that the new key has more permission than the old key (the new key has ${words(couldExceed)}). It is within what the purpose needs, so you may continue anyway (this is logged as an override for possibly more permission than the old key), or check the old key from its page and verify again.`,
        overridable: true,
      });
    }
  } else {
    const old = normalizePerms(oldKey.perm);
    const extra = perm.filter((p) => !old.includes(p) && !beyondPurpose.includes(p));
    if (extra.length) {
      refusals.push({
        code: "more-than-old",
        message: `The new key has more permission than the old key: ${words(extra)}. It is within what the purpose needs, so you may continue anyway (this is logged), or narrow the key on okx.com and verify again.`,
        overridable: true,
      });
    }
  }
  if (ipBindingRequired(perm, input.readOnlyNeedsIp) && (newKey.ip ?? []).length === 0) {
    refusals.push({
      code: "ip-not-bound",
      message: canMoveFunds(perm)
        ? "The new key can trade or withdraw but is not bound to any IP address. Bind it to the IPs of the machines that use it on okx.com (unbound trade keys are also deleted by OKX after 14 days unused)."
        : "Your policy requires read-only keys to be bound to IP addresses too. Bind the new key to the IPs of the machines that use it on okx.com.",
      overridable: false,
    });
  }
  return refusals;
}

/** The refusals left after the user's override: only overridable ones can be waived. */
export function blockingRefusals(refusals: readonly Refusal[], override: boolean): Refusal[] {
  return refusals.filter((r) => !(override && r.overridable));
}
