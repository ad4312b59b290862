import "server-only";
// The database half of the vault report: every active key with the checks the audit needs, as DTOs.
// Loading 1,000 keys with their checks through Prisma costs tens of milliseconds, while the audit itself is
// cheap and depends on the current time. So the rows are cached and the audit is re-run on every request.
// The cache is keyed by a stamp of the tables (key count and update times, newest check id), read with one tiny
// query each time, so a write by this process, by the CLI in another process, or a restored backup is seen
// on the very next request.
import { db } from "@/lib/db/client";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
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
export const PER_OUTCOME = 2;
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

export const KEY_SELECT = { ...keyDtoSelect, apiKeyDigest: true } as const;
type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof KEY_SELECT }>;

// Key count plus the sum of update times (a sum, not a max: an edit at a time not later than the newest — a
// clock stepped back — still changes it), and the newest check id (checks are only ever inserted, and leave only
// with their key, which changes the key count).
// Rotations count too: a step that changes only the rotation (e.g. verify refused) moves a key's labels.
// The times are summed as whole milliseconds (an integer sum is exact): a float sum of julianday() prints to about 13
// digits, which on 1,000 keys cannot tell two edits of one key a minute apart.
const MS_SUM = `coalesce(sum(CAST(round((julianday("updatedAt") - 2440587.5) * 86400000) AS INTEGER)), 0)`;
const STAMP_SQL = `SELECT
  (SELECT count(*) || ':' || ${MS_SUM} FROM "ApiKey") || '|' ||
  coalesce((SELECT max("id") FROM "Check"), 0) || '|' ||
  (SELECT count(*) || ':' || ${MS_SUM} FROM "Rotation") || '|' ||
  (SELECT count(*) FROM "ScanRun" WHERE "status" = 'done') || ':' || coalesce((SELECT max("id") FROM "ScanFile"), 0) || '|' ||
  (SELECT count(*) FROM "DiscoveredSubKey") AS stamp`;

const CHECK_IDS_SQL = `SELECT "id" FROM (
  SELECT c."id",
    row_number() OVER (PARTITION BY c."keyId" ORDER BY c."at" DESC, c."id" DESC) AS "nAll",
    row_number() OVER (PARTITION BY c."keyId", c."outcome" ORDER BY c."at" DESC, c."id" DESC) AS "nOutcome"
  FROM "Check" c JOIN "ApiKey" k ON k."id" = c."keyId"
  WHERE k."status" = 'active'
) WHERE "nAll" <= ? OR "nOutcome" <= ?`;

/** CHECK_IDS_SQL for one key (the key page): the same window, so the same checks. */
export const KEY_CHECK_IDS_SQL = `SELECT "id" FROM (
  SELECT c."id",
    row_number() OVER (ORDER BY c."at" DESC, c."id" DESC) AS "nAll",
    row_number() OVER (PARTITION BY c."outcome" ORDER BY c."at" DESC, c."id" DESC) AS "nOutcome"
  FROM "Check" c WHERE c."keyId" = ?
) WHERE "nAll" <= ? OR "nOutcome" <= ?`;

// The listing rows (unmanaged keys) change with a check (a new Check id) or a delete on OKX (their count).
type ReportData = { client: PrismaClient; stamp: string; rows: ReportRow[]; unmanaged: UnmanagedRow[] };
const globalForRows = globalThis as unknown as {
  keywardenReportRows?: ReportData;
  /**
   * The load under way for a stamp: requests that miss the cache together (many tabs, a burst after a write) share
   * it instead of each loading the whole vault at once.
   */
  keywardenReportRowsLoading?: { client: PrismaClient; stamp: string; data: Promise<ReportData> };
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
  const listings = await listingsByDigest(prisma, subDigests);
  const rotations = await openRotationsByKey(prisma);
  const files = await scannedFiles(prisma);
  return keys.map((k) => {
    const rotation = rotations.get(k.id) ?? null;
    return {
      ...reportRowOf(k, {
        rotation,
        managesSubAccounts: masters.has(k.id),
        listing: listings.get(k.apiKeyDigest) ?? null,
        files: files && (files.get(k.apiKeyDigest) ?? []),
      }),
      // Chunks are each sorted; only a multi-chunk load needs the merge.
      checks: ids.length > ID_CHUNK ? byKey.get(k.id)!.sort(newestFirst) : byKey.get(k.id)!,
    };
  });
}

/** What the audit knows of a key beyond its own row and checks: the facts that come from other rows and tables. */
export interface KeyFacts {
  rotation: KeyRotationRef | null;
  /** An active key names it as its master (parentKeyId). */
  managesSubAccounts: boolean;
  listing: AuditKey["listing"];
  /** null when no scan ran (the file rules then say nothing), else the latest scan's files holding this key. */
  files: NonNullable<AuditKey["files"]> | null;
}

/** A key row and its facts as the audit engine takes them (checks are added by the caller). */
export function reportRowOf(k: KeyRow, facts: KeyFacts): Omit<ReportRow, "checks"> {
  const key = toKeyDto(k);
  const { rotation, files } = facts;
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
    managesSubAccounts: facts.managesSubAccounts,
    listing: facts.listing,
    rotation: rotation ? { role: rotation.role, awaitingVerify: rotation.awaitingVerify } : null,
    ...(files ? { files } : {}),
  };
  return { key, rotation, auditKey };
}

/** What master keys' sub-account listings last showed for these digests (newest per digest). */
export async function listingsByDigest(prisma: PrismaClient, digests: string[]): Promise<Map<string, NonNullable<AuditKey["listing"]>>> {
  const listings = new Map<string, NonNullable<AuditKey["listing"]>>();
  if (!digests.length) return listings;
  const listed = await prisma.discoveredSubKey.findMany({
    where: { apiKeyDigest: { in: digests } },
    select: { apiKeyDigest: true, perm: true, ip: true, seenAt: true, subFrozen: true },
  });
  for (const l of listed) {
    const prev = listings.get(l.apiKeyDigest);
    if (!prev || l.seenAt > prev.at)
      listings.set(l.apiKeyDigest, { perm: splitList(l.perm), ip: splitList(l.ip), at: l.seenAt, subAccountFrozen: l.subFrozen });
  }
  return listings;
}

/** States before the new key was verified: what it answers OKX is not yet what its consumers get. */
const BEFORE_VERIFY: readonly string[] = ["planned", "creating", "new_key_stored"];

/** Open rotations by the keys taking part in them; `keyId` narrows it to the rotations of one key. */
export async function openRotationsByKey(prisma: PrismaClient, keyId?: string): Promise<Map<string, KeyRotationRef>> {
  const open = await prisma.rotation.findMany({
    where: { endedAt: null, ...(keyId ? { OR: [{ oldKeyId: keyId }, { newKeyId: keyId }] } : {}) },
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
  const loading = globalForRows.keywardenReportRowsLoading;
  if (loading && loading.client === prisma && loading.stamp === stamp) return loading.data;
  const data = (async (): Promise<ReportData> => {
    const rows = await loadRows(prisma);
    const unmanaged = await loadUnmanagedRows(prisma);
    // Stamp read before the load: a write landing in between makes the next request reload, never miss it.
    return { client: prisma, stamp, rows, unmanaged };
  })();
  globalForRows.keywardenReportRowsLoading = { client: prisma, stamp, data };
  try {
    const loaded = await data;
    globalForRows.keywardenReportRows = loaded;
    return loaded;
  } finally {
    if (globalForRows.keywardenReportRowsLoading?.data === data) globalForRows.keywardenReportRowsLoading = undefined;
  }
}

/**
 * The latest finished scan's files by the digest of the key they hold (a key added after the scan still matches); null
 * when no scan ran. `digest` narrows it to one key's files.
 */
export async function scannedFiles(prisma: PrismaClient, digest?: string): Promise<Map<string, NonNullable<AuditKey["files"]>> | null> {
  const run = await prisma.scanRun.findFirst({
    where: { status: "done" },
    orderBy: { startedAt: "desc" },
    select: { id: true, finishedAt: true, startedAt: true },
  });
  if (!run) return null;
  const rows = await prisma.scanFile.findMany({
    where: { runId: run.id, apiKeyDigest: digest ?? { not: null } },
    select: { path: true, mode: true, git: true, apiKeyDigest: true },
  });
  const out = new Map<string, NonNullable<AuditKey["files"]>>();
  for (const r of rows) {
    const list = out.get(r.apiKeyDigest!) ?? [];
    list.push({ path: r.path, mode: r.mode, git: r.git as NonNullable<AuditKey["files"]>[number]["git"], scannedAt: run.finishedAt ?? run.startedAt });
    out.set(r.apiKeyDigest!, list);
  }
  return out;
}
