import "server-only";
// One key's audit without the vault's: its row, its checks (the same window the vault report loads), and the few
// facts the rules take from other rows, each by a targeted query: whether another active key stores the same OKX
// key (shared-key), whether an active key names it as its master (master-key-bot), what its master's listing
// last showed, its open rotation, and the latest scan's files holding it. auditKey with exactly these inputs is
// what auditVault computes for it, so the key page shows the same findings and grade as the overview, at the cost
// of one key whatever the vault's size.
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors/app-error";
import { auditKey, type AuditCheck, type AuditPolicy } from "@/lib/audit";
import { toCheckDto } from "@/lib/checks/check-dto";
import { toKeyDto, type KeyDto } from "@/lib/keys/key-dto";
import { HISTORY_PER_KEY, KEY_CHECK_IDS_SQL, KEY_SELECT, listingsByDigest, openRotationsByKey, PER_OUTCOME, reportRowOf, scannedFiles } from "./report-rows";
import { loadPolicy } from "@/lib/settings/audit-policy";
import type { AuditedKey } from "./vault-report";

export interface KeyReport {
  generatedAt: Date;
  policy: AuditPolicy;
  /** The key as its pages show it (hasSecrets read from the row). */
  key: KeyDto;
  /** Its audit, rotation and checks as the vault report has them; null for a retired key (the report has none). */
  audited: AuditedKey | null;
}

/** Throws NotFoundError when no key has this id. */
export async function loadKeyReport(id: string, opts: { now?: Date } = {}): Promise<KeyReport> {
  const prisma = await db();
  const [policy, row] = await Promise.all([loadPolicy(), prisma.apiKey.findUnique({ where: { id }, select: { ...KEY_SELECT, secretEnc: true } })]);
  if (!row) throw new NotFoundError("This key");
  const { secretEnc, ...k } = row;
  const key = toKeyDto({ ...k, hasSecrets: secretEnc !== null });
  const generatedAt = opts.now ?? new Date();
  if (k.status !== "active") return { generatedAt, policy, key, audited: null };

  const [ids, sameDigest, subKeys, listings, rotations, files] = await Promise.all([
    prisma.$queryRawUnsafe<{ id: number | bigint }[]>(KEY_CHECK_IDS_SQL, id, HISTORY_PER_KEY, PER_OUTCOME),
    prisma.apiKey.count({ where: { status: "active", apiKeyDigest: k.apiKeyDigest } }),
    prisma.apiKey.count({ where: { status: "active", parentKeyId: id } }),
    k.subAcct ? listingsByDigest(prisma, [k.apiKeyDigest]) : null,
    openRotationsByKey(prisma, id),
    scannedFiles(prisma, k.apiKeyDigest),
  ]);
  // A handful of ids (HISTORY_PER_KEY plus a few per outcome): one query, well under SQLite's parameter cap.
  const checks = (await prisma.check.findMany({ where: { id: { in: ids.map((r) => Number(r.id)) } }, orderBy: [{ at: "desc" }, { id: "desc" }] })).map(
    toCheckDto,
  );
  const base = reportRowOf(k, {
    rotation: rotations.get(id) ?? null,
    managesSubAccounts: subKeys > 0,
    listing: listings?.get(k.apiKeyDigest) ?? null,
    files: files && (files.get(k.apiKeyDigest) ?? []),
  });
  const duplicateDigests = new Set(sameDigest > 1 ? [k.apiKeyDigest] : []);
  const audit = auditKey(base.auditKey, checks as AuditCheck[], policy, generatedAt, { duplicateDigests });
  return { generatedAt, policy, key, audited: { key: base.key, rotation: base.rotation, audit, checks } };
}
