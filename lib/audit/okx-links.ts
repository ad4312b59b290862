// Where things are on okx.com, per region, written as click paths for fix steps.
import type { Region } from "@/lib/domain";
import type { AuditKey } from "./types";

// The US host is marked *verify* in shared/okx-api.md.
const WEB_HOST: Record<Region, string> = { global: "okx.com", eea: "my.okx.com", us: "app.okx.com" };

export function okxWebHost(region: Region): string {
  return WEB_HOST[region];
}

/** Click path to the page listing this key on the OKX website. */
export function okxApiPage(key: AuditKey): string {
  const host = WEB_HOST[key.region];
  return key.subAcct ? `${host} → Profile → Sub-accounts → '${key.subAcct}' → API` : `${host} → Profile → API`;
}

/** Click path to the edit dialog of this key; `okxLabel` is the note OKX knows it by, when known. */
export function okxEditKey(key: AuditKey, okxLabel: string | null): string {
  return `${okxApiPage(key)} → Edit '${okxLabel || key.label}'`;
}

export const KW_KEY_PAGE = "Keywarden → key page";
