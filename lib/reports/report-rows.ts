import "server-only";
// The database half of the vault report: every active key with the checks the audit needs, as DTOs.
// Loading 1,000 keys with their checks through Prisma costs tens of milliseconds, while the audit itself is
// cheap and depends on the current time. So the rows are cached and the audit is re-run on every request.
// The cache is keyed by a stamp of the tables (key count and update times, newest check id), read with one tiny
// query each time, so a write by this process, by the CLI in another process, or a restored backup is seen
// on the very next request.
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { toCheckDto, type CheckDto } from "@/lib/checks/check-dto";
import { keyDtoSelect, keyIdentity, toKeyDto, type KeyDto } from "@/lib/keys/key-dto";
import type { AuditKey } from "@/lib/audit";
import { splitList } from "@/lib/okx/types";
import { describeState, isRotationState, type RotationState } from "@/lib/rotation/states";
import { loadUnmanagedRows, type UnmanagedRow } from "@/lib/unmanaged/unmanaged-keys";

/** Newest checks kept per key for the history on the key page. */
export const HISTORY_PER_KEY = 50;
/**
 * Besides the newest HISTORY_PER_KEY, the newest two checks of each outcome are always loaded: the audit
 * needs the last two successful checks (drift), the last one that reached the key (ok / ip_blocked) and the
 * last conclusive answer, however many network errors came after them. Without this, a day of failed cron
 * checks would push the last successful one out of the window and its findings (withdraw, no IP…) would vanish.
 */
const PER_OUTCOME = 2;
/** Prisma caps bound parameters per SQLite query (999); load the chosen checks in chunks below that. */
export const ID_CHUNK = 900;

/** The open rotation a key takes part in, for the labels on the overview, the keys table and the key pages. */
export interface KeyRotationRef {
  rotationId: string;
  role: "old" | "new";
  state: RotationState;
  stateText: string;
  /** Verified not yet: the new key's findings wait (see AuditKey.rotation). */
  awaitingVerify: boolean;
  oldKeyId: string;
  /** The other key of the rotation (the new key of an old one, the old key of a new one), when there is one. */
  otherKeyId: string | null;
  otherKeyLabel: string | null;
}

export interface ReportRow {
  key: KeyDto;
  rotation: KeyRotationRef | null;
  /** The same key as the audit engine takes it (dates as Dates, the digest that finds duplicates). */
  auditKey: AuditKey;
  /** Newest first. */
  checks: CheckDto[];
}

const KEY_SELECT = { ...keyDtoSelect, apiKeyDigest: true } as const;

// Key count plus the sum of update times (a sum, not a max: an edit at a time not later than the newest — a
// clock stepped back — still changes it), and the newest check id (checks are only ever inserted, and leave only
// with their key, which changes the key count).
// Rotations count too: a step that changes only the rotation (e.g. verify refused) moves a key's labels.
const STAMP_SQL = `SELECT
  (SELECT count(*) || ':' || total(julianday("updatedAt")) FROM "ApiKey") || '|' ||
  coalesce((SELECT max("id") FROM "Check"), 0) || '|' ||
  (SELECT count(*) || ':' || total(julianday("updatedAt")) FROM "Rotation") || '|' ||
  (SELECT count(*) FROM "ScanRun" WHERE "status" = 'done') || ':' || coalesce((SELECT max("id") FROM "ScanFile"), 0) || '|' ||
  (SELECT count(*) FROM "DiscoveredSubKey") AS stamp`;

const CHECK_IDS_SQL = `SELECT "id" FROM (
  SELECT c."id",
    row_number() OVER (PARTITION BY c."keyId" ORDER BY c."at" DESC, c."id" DESC) AS "nAll",
    row_number() OVER (PARTITION BY c."keyId", c."outcome" ORDER BY c."at" DESC, c."id" DESC) AS "nOutcome"
  FROM "Check" c JOIN "ApiKey" k ON k."id" = c."keyId"
  WHERE k."status" = 'active'
) WHERE "nAll" <= ? OR "nOutcome" <= ?`;

// The listing rows (unmanaged keys) change with a check (a new Check id) or a delete on OKX (their count).
const globalForRows = globalThis as unknown as {
  keywardenReportRows?: { client: PrismaClient; stamp: string; rows: ReportRow[]; unmanaged: UnmanagedRow[] };
};

async function readStamp(prisma: PrismaClient): Promise<string> {
  const [row] = await prisma.$queryRawUnsafe<{ stamp: string }[]>(STAMP_SQL);
  return String(row.stamp);
}

async function loadRows(prisma: PrismaClient): Promise<ReportRow[]> {
  const keys = await prisma.apiKey.findMany({ where: { status: "active" }, orderBy: { label: "asc" }, select: KEY_SELECT });
  const ids = (await prisma.$queryRawUnsafe<{ id: number | bigint }[]>(CHECK_IDS_SQL, HISTORY_PER_KEY, PER_OUTCOME)).map((r) => Number(r.id));
  const byKey = new Map<string, CheckDto[]>(keys.map((k) => [k.id, []]));
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await prisma.check.findMany({ where: { id: { in: ids.slice(i, i + ID_CHUNK) } }, orderBy: [{ at: "desc" }, { id: "desc" }] });
    for (const r of rows) byKey.get(r.keyId)?.push(toCheckDto(r));
  }
  const newestFirst = (a: CheckDto, b: CheckDto) => b.at.getTime() - a.at.getTime() || b.id - a.id;
  const masters = new Set(keys.map((k) => k.parentKeyId).filter((id): id is string => !!id));
  // What master keys' sub-account listings last showed for the stored sub-account keys (newest per key).
  const subDigests = keys.filter((k) => k.subAcct).map((k) => k.apiKeyDigest);
  const listings = new Map<string, NonNullable<AuditKey["listing"]>>();
  if (subDigests.length) {
    const listed = await prisma.discoveredSubKey.findMany({ where: { apiKeyDigest: { in: subDigests } }, select: { apiKeyDigest: true, perm: true, ip: true, seenAt: true, subFrozen: true } });
    for (const l of listed) {
      const prev = listings.get(l.apiKeyDigest);
      if (!prev || l.seenAt > prev.at) listings.set(l.apiKeyDigest, { perm: splitList(l.perm), ip: splitList(l.ip), at: l.seenAt, subAccountFrozen: l.subFrozen });
    }
  }
  const rotations = await openRotationsByKey(prisma);
  const files = await scannedFiles(prisma);
  return keys.map((k) => {
    const key = toKeyDto(k);
    const rotation = rotations.get(k.id) ?? null;
    const auditKey: AuditKey = {
      ...keyIdentity(key),
      createdOn: k.createdOn,
      createdOnSource: key.createdOnSource,
      addedAt: k.addedAt,
      lastUsedOn: k.lastUsedOn,
      consumers: key.consumers,
      apiKeyDigest: k.apiKeyDigest,
      status: key.status,
      subAcct: key.subAcct,
      parentKeyId: key.parentKeyId,
      managesSubAccounts: masters.has(key.id),
      listing: listings.get(k.apiKeyDigest) ?? null,
      rotation: rotation ? { role: rotation.role, awaitingVerify: rotation.awaitingVerify } : null,
      ...(files ? { files: files.get(k.apiKeyDigest) ?? [] } : {}),
    };
    return {
      key,
      rotation,
      auditKey,
    // Chunks are each sorted; only a multi-chunk load needs the merge.
      checks: ids.length > ID_CHUNK ? byKey.get(k.id)!.sort(newestFirst) : byKey.get(k.id)!,
    };
  });
}

/** States before the new key was verified: what it answers OKX is not yet what its consumers get. */
const BEFORE_VERIFY: readonly string[] = ["planned", "creating", "new_key_stored"];

async function openRotationsByKey(prisma: PrismaClient): Promise<Map<string, KeyRotationRef>> {
  const open = await prisma.rotation.findMany({
    where: { endedAt: null },
    select: { id: true, state: true, oldKeyId: true, newKeyId: true, oldKey: { select: { label: true } }, newKey: { select: { label: true } } },
  });
  const byKey = new Map<string, KeyRotationRef>();
  for (const r of open) {
    const state = (isRotationState(r.state) ? r.state : "planned") as RotationState;
    const common = { rotationId: r.id, state, stateText: describeState(state), awaitingVerify: BEFORE_VERIFY.includes(state), oldKeyId: r.oldKeyId };
    byKey.set(r.oldKeyId, { ...common, role: "old", otherKeyId: r.newKeyId, otherKeyLabel: r.newKey?.label ?? null });
    if (r.newKeyId) byKey.set(r.newKeyId, { ...common, role: "new", otherKeyId: r.oldKeyId, otherKeyLabel: r.oldKey.label });
  }
  return byKey;
}

/**
 * Active keys (by label) with their checks, newest first. The result is shared between requests: treat it as
 * read-only.
 */
export async function loadReportRows(): Promise<ReportRow[]> {
  return (await loadReportData()).rows;
}

/** The stored keys' rows and the unmanaged keys (listed on OKX, not stored), from one cache. */
export async function loadReportData(): Promise<{ rows: ReportRow[]; unmanaged: UnmanagedRow[] }> {
  const prisma = await db();
  const stamp = await readStamp(prisma);
  const hit = globalForRows.keywardenReportRows;
  if (hit && hit.client === prisma && hit.stamp === stamp) return hit;
  const rows = await loadRows(prisma);
  const unmanaged = await loadUnmanagedRows(prisma);
  // Stamp read before the load: a write landing in between makes the next request reload, never miss it.
  const data = { client: prisma, stamp, rows, unmanaged };
  globalForRows.keywardenReportRows = data;
  return data;
}

/** The latest finished scan's files by the digest of the key they hold (a key added after the scan still matches); null when no scan ran. */
async function scannedFiles(prisma: PrismaClient): Promise<Map<string, NonNullable<AuditKey["files"]>> | null> {
  const run = await prisma.scanRun.findFirst({ where: { status: "done" }, orderBy: { startedAt: "desc" }, select: { id: true, finishedAt: true, startedAt: true } });
  if (!run) return null;
  const rows = await prisma.scanFile.findMany({ where: { runId: run.id, apiKeyDigest: { not: null } }, select: { path: true, mode: true, git: true, apiKeyDigest: true } });
  const out = new Map<string, NonNullable<AuditKey["files"]>>();
  for (const r of rows) {
    const list = out.get(r.apiKeyDigest!) ?? [];
    list.push({ path: r.path, mode: r.mode, git: r.git as NonNullable<AuditKey["files"]>[number]["git"], scannedAt: run.finishedAt ?? run.startedAt });
    out.set(r.apiKeyDigest!, list);
  }
  return out;
}
