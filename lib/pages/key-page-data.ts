import "server-only";
// Everything /keys/[id] shows, for the cost of one key: its audit from key-report.ts (never the whole vault's), its
// sub-account links when it is a master key, its master's label, and the entity detection that explains its last
// answer.
import { keyLabel, listLinkedSubKeys, listUnstoredSubKeys, type DiscoveredKeyDto, type LinkedSubKeyDto } from "@/lib/sub-accounts/list-discovered-keys";
import { latestDetection } from "@/lib/checks/detection-log";
import type { EntityDetection } from "@/lib/checks/detection-advice";
import type { AuditPolicy, KeyAudit } from "@/lib/audit";
import type { CheckDto } from "@/lib/checks/check-dto";
import type { KeyDto } from "@/lib/keys/key-dto";
import type { KeyRotationRef } from "@/lib/reports/report-rows";
import { loadKeyReport } from "@/lib/reports/key-report";

export interface KeyPageData {
  generatedAt: Date;
  policy: AuditPolicy;
  key: KeyDto;
  /** Undefined for a retired key: the audit covers active keys. */
  audit: KeyAudit | undefined;
  rotation: KeyRotationRef | null;
  /** Newest first; empty for a retired key. */
  checks: CheckDto[];
  /** The newest check OKX answered for this key as a master account (uid = mainUid). */
  isMaster: boolean;
  linkedSubKeys: LinkedSubKeyDto[];
  unstoredSubKeys: DiscoveredKeyDto[];
  /** The managing master key's label; null when it has none or it is no longer stored. */
  parentLabel: string | null;
  detected: EntityDetection | null;
}

/** Throws NotFoundError when no key has this id. */
export async function loadKeyPage(id: string): Promise<KeyPageData> {
  const { generatedAt, policy, key, audited } = await loadKeyReport(id);
  const checks = audited?.checks ?? [];
  // Sub-account links: a master key lists what discovery found; a sub-account key links to its master.
  const lastOk = checks.find((c) => c.outcome === "ok");
  const isMaster = !!lastOk?.uid && lastOk.uid === lastOk.mainUid;
  const [linkedSubKeys, unstoredSubKeys, parentLabel, detected] = await Promise.all([
    isMaster ? listLinkedSubKeys(key.id) : [],
    isMaster ? listUnstoredSubKeys(key.id) : [],
    key.parentKeyId ? keyLabel(key.parentKeyId) : null,
    latestDetection(key.id),
  ]);
  return {
    generatedAt,
    policy,
    key,
    audit: audited?.audit,
    rotation: audited?.rotation ?? null,
    checks,
    isMaster,
    linkedSubKeys,
    unstoredSubKeys,
    parentLabel,
    detected,
  };
}
