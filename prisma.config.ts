// Prisma 6.19 with the JS engine and the better-sqlite3 driver adapter: migrate and the client run
// fully offline (Prisma's native schema engine would be downloaded from its own host otherwise).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl, ensureDataDir } from "./lib/db/paths.mjs";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  // KEYWARDEN_MIGRATIONS_DIR is set only by migrate({ migrationsDir }) in lib/db/migrate.mjs (the upgrade test).
  migrations: { path: process.env.KEYWARDEN_MIGRATIONS_DIR || path.join("prisma", "migrations") },
  adapter: async () => {
    ensureDataDir();
    return new PrismaBetterSQLite3({ url: databaseUrl() });
  },
});
