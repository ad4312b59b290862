// Dashboard download of a backup: the same VACUUM INTO file as `keywarden backup`, secrets still encrypted.
// Written to a private temp folder (0700 / 0600), streamed once, then removed.
import fs from "node:fs";
import path from "node:path";
import { backupTo } from "@/lib/backup";
import { backupFileName } from "@/lib/backup/backup-name";
import { sessionRoute } from "@/lib/session/session-route";
import { makeTempFolder } from "@/lib/db/leftovers";

export const dynamic = "force-dynamic";

export const GET = sessionRoute(async () => {
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
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
});
