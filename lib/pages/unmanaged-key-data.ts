import "server-only";
// What /keys/unmanaged/[id] shows: one key a master key's listing shows and Keywarden does not hold, with its audit
// (from that listing alone); null when it is no longer unmanaged (adopted, deleted on OKX, no longer listed).
import { loadVaultReport, type AuditedUnmanagedKey } from "@/lib/reports/vault-report";

export async function loadUnmanagedKey(id: number): Promise<AuditedUnmanagedKey | null> {
  const { unmanaged } = await loadVaultReport();
  // Another master key of the same account may list it too: its page links by its own row id.
  return unmanaged.find((u) => u.key.id === id || u.key.otherRowIds.includes(id)) ?? null;
}
