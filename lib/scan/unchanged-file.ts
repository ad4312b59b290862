import "server-only";
// A file as the scan saw it, or a refusal: writing into it, or adding the key it holds, acts on what the user saw
// in the scan result, never on a file edited since.
import fs from "node:fs/promises";
import type { Stats } from "node:fs";
import { AppError } from "@/lib/errors/app-error";
import { contentDigest } from "./scan-digest";

export interface ScannedRow {
  path: string;
  size: number;
  mtimeMs: number;
  contentDigest: string;
}

export async function readUnchanged(row: ScannedRow): Promise<{ real: string; bytes: Buffer; st: Stats }> {
  const real = await fs.realpath(row.path).catch(() => null);
  if (!real) throw new AppError(`${row.path} no longer exists. Nothing was done.`, "scan-file-missing");
  const st = await fs.stat(real);
  const bytes = await fs.readFile(real);
  // SQLite keeps the modification time to about a microsecond: closer than that counts as the same time.
  if (st.size !== row.size || Math.abs(st.mtimeMs - row.mtimeMs) > 0.01 || contentDigest(bytes) !== row.contentDigest) {
    throw new AppError(
      `${row.path} changed since the scan (${new Date(row.mtimeMs).toISOString().slice(0, 19).replace("T", " ")} UTC): nothing was done. Scan its folder again and check the file.`,
      "scan-file-changed",
    );
  }
  return { real, bytes, st };
}
