import "server-only";
// What /keys shows: every stored key with its audit and the unmanaged keys, which the page filters, sorts and pages
// from the URL (all of them: a filter or a sort needs every row). From the report's cache (see report-rows.ts).
import { loadVaultReport, type VaultReport } from "@/lib/reports/vault-report";

export type KeysData = Pick<VaultReport, "keys" | "unmanaged">;

export async function loadKeysTable(): Promise<KeysData> {
  const { keys, unmanaged } = await loadVaultReport();
  return { keys, unmanaged };
}
