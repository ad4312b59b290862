// Restore from an uploaded backup (Settings). A route handler rather than a server action because backups are
// larger than the action body limit. lib/backup refuses corrupt or foreign files without touching current data;
// the backup's own master passphrase ("backupPassphrase") must open its vault before anything is replaced, and after
// a restore the vault is locked (that passphrase applies). The passphrase is never echoed back or logged.
import fs from "node:fs";
import path from "node:path";
import { restoreFrom } from "@/lib/backup";
import { endSession } from "@/lib/session/session";
import { sessionRoute } from "@/lib/session/session-route";
import { formInput } from "@/lib/session/form-input";
import { toUserError } from "@/lib/errors/to-user-message";
import { MAX_UPLOAD_BYTES, TOO_LARGE_MESSAGE } from "@/lib/backup/upload-limit";
import { makeTempFolder } from "@/lib/db/leftovers";

export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { backoff: 429, invalid: 400 };

function json(status: number, body: Record<string, unknown>) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export const POST = sessionRoute(async (request: Request) => {
  // Said before reading: a body over the limit is cut short on the way in and would only look like a broken form.
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 1024 * 1024) return json(413, { error: TOO_LARGE_MESSAGE });
  const input = formInput(await request.formData().catch(() => null));
  const upload = input.file("backup");
  if (!upload || upload.size === 0) return json(400, { error: "Choose a Keywarden backup file." });
  if (upload.size > MAX_UPLOAD_BYTES) return json(413, { error: TOO_LARGE_MESSAGE });
  let dir: string | null = null;
  try {
    dir = makeTempFolder("restore");
    const file = path.join(dir, "upload.db");
    fs.writeFileSync(file, Buffer.from(await upload.arrayBuffer()), { mode: 0o600 });
    const result = await restoreFrom(file, { actor: "web", passphrase: input.text("backupPassphrase") });
    await endSession();
    return json(200, { ok: true, keys: result.keys });
  } catch (err) {
    const e = toUserError(err);
    return json(STATUS[e.code] ?? 400, { error: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) });
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
});
