import "server-only";
// What a backup holds, checked before it can become the live database. A file with the right table names is not
// enough: it could bring a trigger that undoes the passphrase backoff, extra tables or views, an ApiKey table with
// other columns, a setting that breaks every unlock, or KDF parameters that take a minute and gigabytes per unlock. Only the schema Keywarden's own migrations create is accepted, and the rows that
// steer the vault are validated against the same bounds the app uses.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { policySchema, DEFAULT_POLICY } from "@/lib/audit/policy";
import { idleMinutesSchema } from "@/lib/settings/settings";
import { kdfParamsSchema } from "@/lib/vault/kdf";
import { migrationsDir } from "./migrations";

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

// Prisma's own bookkeeping table is not in any migration.sql; these are its columns.
const PRISMA_MIGRATIONS_COLUMNS = ["applied_steps_count", "checksum", "finished_at", "id", "logs", "migration_name", "rolled_back_at", "started_at"];

// Same meaning, other spelling: quoting, case and white space differ between SQLite versions' rewrites.
function normalize(sql: string | null): string {
  return (sql ?? "")
    .replace(/["`[\]]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

function objects(sqlite: Database.Database): SchemaObject[] {
  return (sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master").all() as SchemaObject[]).filter(
    // SQLite's own statistics tables appear after ANALYZE; they hold no data of ours.
    (o) => !o.name.startsWith("sqlite_stat"),
  );
}

const referenceCache = new Map<string, Map<string, string>>();

/** The schema the given migrations create, applied in order to an in-memory database. */
function referenceSchema(applied: string[]): Map<string, string> {
  const cacheKey = applied.join(",");
  const cached = referenceCache.get(cacheKey);
  if (cached) return cached;
  const mem = new Database(":memory:");
  try {
    for (const m of applied) mem.exec(fs.readFileSync(path.join(migrationsDir(), m, "migration.sql"), "utf8"));
    const ref = new Map(objects(mem).map((o) => [`${o.type} ${o.name}`, normalize(o.sql)]));
    referenceCache.set(cacheKey, ref);
    return ref;
  } finally {
    mem.close();
  }
}

/** A reason the file's schema is not Keywarden's, or null. `applied`: the migrations the file records. */
export function schemaProblem(sqlite: Database.Database, applied: string[]): string | null {
  const ref = referenceSchema(applied);
  const seen = new Set<string>();
  for (const o of objects(sqlite)) {
    const id = `${o.type} ${o.name}`;
    if (o.tbl_name === "_prisma_migrations") {
      if (o.type === "table") {
        const cols = (sqlite.prepare("SELECT name FROM pragma_table_info('_prisma_migrations')").all() as { name: string }[]).map((c) => c.name).sort();
        if (cols.join() !== PRISMA_MIGRATIONS_COLUMNS.join()) return "its migrations table has other columns than Keywarden's.";
      } else if (!(o.type === "index" && o.name.startsWith("sqlite_autoindex_"))) {
        return `it holds a ${o.type} (${o.name}) that Keywarden does not create.`;
      }
      continue;
    }
    const expected = ref.get(id);
    if (expected === undefined) return `it holds a ${o.type} (${o.name}) that Keywarden does not create.`;
    if (expected !== normalize(o.sql)) return `its ${o.type} ${o.name} is not defined the way Keywarden defines it.`;
    seen.add(id);
  }
  const missing = [...ref.keys()].filter((k) => !seen.has(k));
  if (missing.length) return `it lacks part of Keywarden's schema (${missing.slice(0, 3).join(", ")}).`;
  return null;
}

const vaultRowSchema = z.object({
  kdf: z.literal("argon2id"),
  kdfParams: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    })
    .pipe(kdfParamsSchema),
  salt: z.instanceof(Buffer).refine((b) => b.length === 16),
  wrappedKey: z.instanceof(Buffer).refine((b) => b.length >= 29 + 32 && b.length <= 29 + 64),
  failedAttempts: z.number().int().min(0).max(1_000_000),
  epoch: z.number().int().min(1),
});

// Known settings and what they may hold; each is written by the app as JSON.
const SETTINGS: Record<string, (value: unknown) => boolean> = {
  idleMinutes: (v) => idleMinutesSchema.safeParse(v).success,
  auditPolicy: (v) => !!v && typeof v === "object" && !Array.isArray(v) && policySchema.safeParse({ ...DEFAULT_POLICY, ...v }).success,
};

/** A reason the vault row or the settings are unusable, or null. */
export function rowsProblem(sqlite: Database.Database): string | null {
  const vault = sqlite.prepare("SELECT kdf, kdfParams, salt, wrappedKey, failedAttempts, epoch FROM Vault WHERE id = 1").get() as
    Record<string, unknown> | undefined;
  if (vault) {
    const parsed = vaultRowSchema.safeParse(vault);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? "vault");
      return field === "kdfParams"
        ? "its vault asks for key-derivation settings outside the bounds Keywarden uses (each unlock would take too long or too much memory)."
        : `its vault row is invalid (${field}).`;
    }
  }
  for (const { key, value } of sqlite.prepare("SELECT key, value FROM Setting").all() as { key: string; value: string }[]) {
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      return `its setting “${key.slice(0, 40)}” is not valid JSON.`;
    }
    const check = Object.hasOwn(SETTINGS, key) ? SETTINGS[key] : undefined;
    if (!check) return `it holds a setting (“${key.slice(0, 40)}”) that this Keywarden does not know.`;
    if (!check(json)) return `its setting “${key}” holds a value Keywarden would not accept.`;
  }
  return null;
}
