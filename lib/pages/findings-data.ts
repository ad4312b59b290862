import "server-only";
// What /findings shows: the findings of every stored key, grouped and filtered as the URL asks, and each key
// (label, grade, and its open rotation: a "rotate" fix then continues it instead of starting another).
import { findingsView, type FindingsQuery } from "@/lib/audit";
import { loadVaultReport, type AuditedKey } from "@/lib/reports/vault-report";

export interface FindingsData {
  view: ReturnType<typeof findingsView>;
  byId: Map<string, AuditedKey>;
}

export async function loadFindings(q: FindingsQuery): Promise<FindingsData> {
  const report = await loadVaultReport();
  return { view: findingsView(report.vault.keys, q), byId: new Map(report.keys.map((k) => [k.key.id, k])) };
}
