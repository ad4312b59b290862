// Dashboard download of a backup: the same VACUUM INTO file as `keywarden backup`, secrets still encrypted.
// Written to a private temp folder (0700 / 0600), streamed once, then removed.
import fs from "node:fs";
import path from "node:path";
import { backupTo } from "@/lib/backup";
import { backupFileName } from "@/lib/backup/backup-name";
import { hasValidSession } from "@/lib/session/session";
import { toUserError } from "@/lib/errors/to-user-message";
import { makeTempFolder } from "@/lib/db/leftovers";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  if (!(await hasValidSession())) return new Response("The vault is locked.\n", { status: 401, headers: { "Cache-Control": "no-store" } });
  let dir: string | null = null;
  try {
    dir = makeTempFolder("backup");
    const file = path.join(dir, backupFileName(new Date()));
    await backupTo(file, { actor: "web" });
    const bytes = fs.readFileSync(file);
    return new Response(bytes, {
      headers: {
        "Content-Type": "application/vnd.sqlite3",
        "Content-Disposition": `attachment; filename="${path.basename(file)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    const e = toUserError(err);
    // 507 Insufficient Storage: the server's temp folder (where the file is written first) is full.
    return new Response(`${e.message}\n`, { status: e.code === "disk-full" ? 507 : 500, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
