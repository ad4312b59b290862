// The plan of an incident: every key the consumer holds, most dangerous first (lib/consumers/danger.ts), and for each
// what happens to it: a sub-account key whose master key Keywarden holds is deleted through OKX's API at once;
// any other key gets the exact okx.com steps. Pure.
import { permWord } from "@/lib/domain";
import { okxWebHost } from "@/lib/audit/okx-links";
import type { ConsumerKey } from "@/lib/consumers/consumer-directory";
import { byDanger } from "@/lib/consumers/danger";
import type { IncidentItem } from "./incident-data";

export interface MasterInfo {
  id: string;
  label: string;
  /** Active, with its secrets: it can sign the delete call. */
  usable: boolean;
}

export function planItems(keys: readonly ConsumerKey[], masters: ReadonlyMap<string, MasterInfo>): IncidentItem[] {
  return [...keys].sort(byDanger).map((k) => {
    const master = k.subAcct && k.parentKeyId ? masters.get(k.parentKeyId) : undefined;
    const api = !!master?.usable && master.id !== k.keyId;
    return {
      keyId: k.keyId,
      label: k.label,
      fingerprint: k.fingerprint,
      demo: k.demo,
      region: k.region as IncidentItem["region"],
      subAcct: k.subAcct,
      perm: k.perm,
      permSource: k.permSource,
      via: api ? "api" : "okx.com",
      masterKeyId: master?.id ?? null,
      masterLabel: master?.label ?? null,
      paths: k.paths,
      status: "pending",
    };
  });
}

export function permText(perm: IncidentItem["perm"]): string {
  return perm ? perm.map(permWord).join(" + ") || "none" : "unknown (OKX never said)";
}

/** Where to click on okx.com to delete this key, and what Keywarden does after. */
export function okxSteps(item: Pick<IncidentItem, "region" | "subAcct" | "label" | "fingerprint" | "demo">): string[] {
  const host = okxWebHost(item.region);
  const page = item.subAcct ? `Profile → Sub-accounts → '${item.subAcct}' → API` : "Profile → API";
  return [
    `Sign in on ${host}${item.demo ? " and switch to demo trading" : ""}, open ${page}.`,
    `Find the key whose API key starts and ends like ${item.fingerprint} (Keywarden's label: “${item.label}”) and click Delete; confirm with your 2FA code.`,
    "Back here, click “Check with OKX”: Keywarden asks OKX for the key and destroys its stored secrets only when OKX answers that it no longer exists (50119) on the host that answered for it before.",
  ];
}

export function apiSteps(item: Pick<IncidentItem, "subAcct" | "masterLabel">): string[] {
  return [
    `Keywarden deletes it on sub-account '${item.subAcct}' through the master key “${item.masterLabel}” (POST /api/v5/users/subaccount/delete-apikey) as soon as you confirm.`,
    "It is verified gone when the master key's listing no longer shows it and its host answers 50119; then its stored secrets are destroyed.",
  ];
}
