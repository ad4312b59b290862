import "server-only";
// Consumers as one list across keys: every active key's consumers (typed in, or files the scan found) grouped by
// identity (consumer-identity.ts), with what each key may do and when it was last rotated. Permissions come from
// the key's last successful check, else from its master key's sub-account listing (a sub-account key bound to its
// bot's server answers 50110 here forever). "Last rotated" is when a finished rotation produced the key, else the
// key's created-on date. Returns DTOs only; never a secret.
import { db } from "@/lib/db/client";
import { keyDtoSelect, toKeyDto } from "@/lib/keys/key-dto";
import { parsePerm, type Consumer, type Perm } from "@/lib/domain";
import { consumerId, displayName } from "./consumer-identity";
import { byDanger, dangerRank, topPerm, type TopPerm } from "./danger";

type Prisma = Awaited<ReturnType<typeof db>>;

/** The newest successful check of each key: ids by one window query, rows in chunks under SQLite's 999 parameters. */
async function lastOkChecks(prisma: Prisma) {
  const ids = (
    await prisma.$queryRawUnsafe<{ id: number | bigint }[]>(
      `SELECT "id" FROM (SELECT "id", row_number() OVER (PARTITION BY "keyId" ORDER BY "at" DESC, "id" DESC) AS n FROM "Check" WHERE "outcome" = 'ok') WHERE n = 1`,
    )
  ).map((r) => Number(r.id));
  const out: { keyId: string; perm: string | null; at: Date }[] = [];
  for (let i = 0; i < ids.length; i += 900) {
    out.push(...(await prisma.check.findMany({ where: { id: { in: ids.slice(i, i + 900) } }, select: { keyId: true, perm: true, at: true } })));
  }
  return out;
}

export interface ConsumerKey {
  keyId: string;
  label: string;
  fingerprint: string;
  demo: boolean;
  region: string;
  purpose: string;
  subAcct: string | null;
  /** The stored master key that can delete this sub-account key through OKX's API. */
  parentKeyId: string | null;
  perm: Perm[] | null;
  permSource: "check" | "master-listing" | null;
  permAt: string | null;
  /** ISO date: when a finished rotation produced this key, else its created-on date. */
  lastRotatedOn: string;
  lastRotatedHow: "rotation" | "created";
  /** Files the scan found this consumer keeping this key in. */
  paths: string[];
}

export interface ConsumerDto {
  id: string;
  name: string;
  host: string | null;
  display: string;
  keys: ConsumerKey[];
  topPerm: TopPerm;
  /** The oldest "last rotated" date among its keys: the longest a leaked copy could have been valid. */
  oldestRotation: string | null;
}

export async function listConsumers(): Promise<ConsumerDto[]> {
  const prisma = await db();
  const rows = await prisma.apiKey.findMany({ where: { status: "active" }, select: { ...keyDtoSelect, apiKeyDigest: true }, orderBy: { label: "asc" } });
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [okChecks, listings, rotations] = await Promise.all([
    lastOkChecks(prisma),
    prisma.discoveredSubKey.findMany({
      where: { apiKeyDigest: { in: rows.map((r) => r.apiKeyDigest) } },
      select: { apiKeyDigest: true, perm: true, seenAt: true },
      orderBy: { seenAt: "desc" },
    }),
    prisma.rotation.findMany({ where: { state: "done", newKeyId: { in: ids } }, select: { newKeyId: true, endedAt: true }, orderBy: { endedAt: "desc" } }),
  ]);
  const lastOk = new Map(okChecks.map((c) => [c.keyId, c]));
  const listed = new Map<string, { perm: string; seenAt: Date }>();
  for (const l of listings) if (!listed.has(l.apiKeyDigest)) listed.set(l.apiKeyDigest, l);
  const rotatedAt = new Map<string, Date>();
  for (const r of rotations) if (r.newKeyId && r.endedAt && !rotatedAt.has(r.newKeyId)) rotatedAt.set(r.newKeyId, r.endedAt);

  const byId = new Map<string, { consumer: Consumer; keys: Map<string, ConsumerKey> }>();
  for (const row of rows) {
    const key = toKeyDto(row);
    const ok = lastOk.get(key.id);
    const listing = listed.get(row.apiKeyDigest);
    const perm = ok?.perm != null ? parsePerm(ok.perm) : listing ? parsePerm(listing.perm) : null;
    const rotated = rotatedAt.get(key.id);
    const base: ConsumerKey = {
      keyId: key.id,
      label: key.label,
      fingerprint: key.fingerprint,
      demo: key.demo,
      region: key.region,
      purpose: key.purpose,
      subAcct: key.subAcct,
      parentKeyId: key.parentKeyId,
      perm,
      permSource: ok?.perm != null ? "check" : listing ? "master-listing" : null,
      permAt: ok ? ok.at.toISOString() : listing ? listing.seenAt.toISOString() : null,
      lastRotatedOn: (rotated ? rotated.toISOString() : key.createdOn).slice(0, 10),
      lastRotatedHow: rotated ? "rotation" : "created",
      paths: [],
    };
    for (const c of key.consumers) {
      if (!c.name?.trim()) continue;
      const id = consumerId(c);
      let entry = byId.get(id);
      if (!entry) byId.set(id, (entry = { consumer: c, keys: new Map() }));
      const k = entry.keys.get(key.id) ?? { ...base, paths: [] };
      if (c.path && !k.paths.includes(c.path)) k.paths.push(c.path);
      entry.keys.set(key.id, k);
    }
  }
  const out: ConsumerDto[] = [];
  for (const [id, { consumer, keys }] of byId) {
    const list = [...keys.values()].sort(byDanger);
    const dates = list.map((k) => k.lastRotatedOn).sort();
    out.push({
      id,
      name: consumer.name.trim(),
      host: consumer.host?.trim() || null,
      display: displayName(consumer),
      keys: list,
      topPerm:
        list.map((k) => topPerm(k.perm)).sort((a, b) => dangerRank(b === "unknown" ? null : [b]) - dangerRank(a === "unknown" ? null : [a]))[0] ?? "read_only",
      oldestRotation: dates[0] ?? null,
    });
  }
  return out.sort((a, b) => a.display.localeCompare(b.display, undefined, { sensitivity: "base" }));
}

export async function getConsumer(id: string): Promise<ConsumerDto | null> {
  return (await listConsumers()).find((c) => c.id === id) ?? null;
}
