// The rotation plan: the narrowest permissions the purpose needs, which IPs to bind, what to call the new key, who
// has to be switched, and where to click on okx.com. Pure: built from the old key's metadata and its last check.
import { requiredPerms } from "@/lib/audit/perms";
import { okxWebHost } from "@/lib/audit/okx-links";
import { normalizePerms, permWord, type Consumer, type Perm, type Purpose, type Region } from "@/lib/domain";
import { ipBindingRequired } from "./verify-rules";
import type { PlanSnapshot } from "./rotation-data";
import type { RotationMode } from "./states";

export const LABEL_MAX = 64;
/** OKX's own note field on a key is at most 50 characters. */
export const OKX_LABEL_MAX = 50;

export interface PlanInput {
  label: string;
  purpose: Purpose;
  region: Region;
  demo: boolean;
  subAcct: string | null;
  consumers: Consumer[];
  /** From the old key's newest successful check; null when never checked successfully. */
  oldPerms: Perm[] | null;
  oldIps: string[] | null;
  oldUid: string | null;
  readOnlyNeedsIp: boolean;
  now: Date;
}

export interface RotationPlan {
  mode: RotationMode;
  requiredPerms: Perm[];
  targetPerms: Perm[];
  permWords: string;
  oldPerms: Perm[] | null;
  oldIps: string[] | null;
  ipRequired: boolean;
  ipAdvice: string;
  newLabel: string;
  consumers: Consumer[];
  instructions: string[];
  /** Automated rotations that fell back to guided say why. */
  fallbackReason: string | null;
}

/** "<label> (rotated 2026-11)", cut so the whole label fits Keywarden's 64 characters. */
export function rotatedLabel(label: string, now: Date, suffixNumber = 1): string {
  const suffix = ` (rotated ${now.toISOString().slice(0, 7)}${suffixNumber > 1 ? ` #${suffixNumber}` : ""})`;
  const base = label.replace(/ \(rotated \d{4}-\d{2}(?: #\d+)?\)$/, "");
  return base.slice(0, LABEL_MAX - suffix.length).trimEnd() + suffix;
}

/** The OKX-side note of a key Keywarden creates: recognisable, and unique per attempt so it can be found again. */
export function okxLabelFor(label: string, rotationId: string, attempt: number): string {
  const tag = ` kw-${rotationId.slice(0, 8)}-${attempt}`;
  const clean = label.replace(/[^A-Za-z0-9 _.-]/g, "").trim() || "key";
  return clean.slice(0, OKX_LABEL_MAX - tag.length).trimEnd() + tag;
}

/** Automated keys can only get read_only/trade; the target is what the purpose needs ∩ what the old key had. */
export function targetPerms(purpose: Purpose, oldPerms: Perm[] | null, mode: RotationMode): Perm[] {
  const needed = requiredPerms(purpose);
  let target = oldPerms ? needed.filter((p) => normalizePerms(oldPerms).includes(p)) : needed;
  if (mode === "automated") target = target.filter((p) => p !== "withdraw");
  return normalizePerms(target.includes("read_only") ? target : ["read_only", ...target]);
}

function okxApiPath(region: Region, subAcct: string | null): string {
  const host = okxWebHost(region);
  return subAcct ? `${host} → Profile → Sub-accounts → '${subAcct}' → API` : `${host} → Profile → API`;
}

export function buildPlan(input: PlanInput, mode: RotationMode, snapshot?: PlanSnapshot, fallbackReason: string | null = null): RotationPlan {
  const perms = snapshot?.targetPerms ?? targetPerms(input.purpose, input.oldPerms, mode);
  const required = requiredPerms(input.purpose);
  const oldIps = snapshot?.oldIps ?? input.oldIps;
  const ipRequired = ipBindingRequired(perms, input.readOnlyNeedsIp);
  const newLabel = snapshot?.newLabel ?? rotatedLabel(input.label, input.now);
  const permWords = perms.map(permWord).join(" + ");
  const hosts = input.consumers.map((c) => c.host).filter((h): h is string => !!h);
  let ipAdvice: string;
  if (oldIps && oldIps.length) ipAdvice = `Bind the new key to the same IPs as the old key: ${oldIps.join(", ")}.`;
  else if (ipRequired)
    ipAdvice = `The old key is not bound to an IP address. Bind the new one to the IPs of the machines that use it${hosts.length ? ` (recorded hosts: ${hosts.join(", ")})` : ""}: a trade or withdraw key must be IP-bound.`;
  else ipAdvice = "Binding a read-only key to the IPs that use it is recommended but not required by your policy.";

  const instructions =
    mode === "automated"
      ? [
          `Keywarden creates the new key on sub-account '${input.subAcct}' through its master key, with ${permWords} permission and the IPs you confirm.`,
          "Keywarden stores it encrypted at once, then shows its secret key and passphrase one time: copy them into each consumer.",
          "Keywarden verifies the new key with OKX, you tick off each consumer as you switch it, then Keywarden deletes the old key and confirms OKX no longer knows it.",
        ]
      : [
          `Sign in on ${okxWebHost(input.region)} and open ${okxApiPath(input.region, input.subAcct)}.`,
          `Click “Create API key”${input.demo ? " (in demo trading mode)" : ""} and name it “${newLabel}”.`,
          `Permissions: tick ${permWords} only. Leave everything else unticked.`,
          oldIps && oldIps.length
            ? `IP addresses: enter ${oldIps.join(", ")}.`
            : `IP addresses: enter the IPs of the machines that will use the key${ipRequired ? " (required for this key)" : ""}.`,
          "Choose a new API passphrase (8–32 characters with upper and lower case, a digit and a symbol). OKX will never show it again.",
          "Copy the API key and the secret key OKX shows once, and enter them below with the passphrase. Do not delete the old key yet.",
        ];

  return {
    mode,
    requiredPerms: required,
    targetPerms: perms,
    permWords,
    oldPerms: snapshot?.oldPerms ?? input.oldPerms,
    oldIps,
    ipRequired,
    ipAdvice,
    newLabel,
    consumers: input.consumers,
    instructions,
    fallbackReason,
  };
}

export function snapshotOf(plan: RotationPlan, oldUid: string | null): PlanSnapshot {
  return {
    requiredPerms: plan.requiredPerms,
    targetPerms: plan.targetPerms,
    oldPerms: plan.oldPerms,
    oldIps: plan.oldIps,
    oldUid,
    newLabel: plan.newLabel,
    ipRequired: plan.ipRequired,
  };
}
