import "server-only";
// Writes a rotation's new key into a file the scan found the old key in: only the values change (format, comments,
// the other lines and the file's mode stay), the original is kept beside it as a 0600 backup, and the file is read
// again to prove it now holds the new key and not the old. A file that changed since the scan is refused: what the
// user saw in the scan is what gets replaced, or nothing.
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { recordEvent, type Actor } from "@/lib/event-log/record";
import { AppError } from "@/lib/errors/app-error";
import { loadKeyCredentials } from "@/lib/keys/credentials";
import { fingerprint } from "@/lib/keys/fingerprint";
import { atomicReplace, writeExclusive } from "./atomic-write";
import { detect } from "./detect";
import { apiKeyDigest, contentDigest } from "./scan-digest";
import { readUnchanged } from "./unchanged-file";
import { latestScanFileFor } from "./scan-store";
import type { CredField, Detection } from "./types";

export class WriteBackError extends AppError {}

export interface WriteBackResult {
  path: string;
  backup: string;
  /** Which values were replaced (the file may hold only some of the three). */
  fields: CredField[];
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, "-");

function holding(found: Detection[], digest: string): Detection | undefined {
  return found.find((d) => d.apiKey && apiKeyDigest(d.apiKey) === digest);
}

export async function writeKeyIntoFile(
  filePath: string,
  oldKeyId: string,
  newKeyId: string,
  opts: { actor?: Actor; rotationId?: string } = {},
): Promise<WriteBackResult> {
  const row = await latestScanFileFor(filePath, oldKeyId);
  if (!row)
    throw new WriteBackError(`The scan has not found the old key in ${filePath}. Scan its folder again (Settings → Scan), then write.`, "write-not-scanned");
  const { real, bytes, st } = await readUnchanged(row);
  const prisma = await db();
  const [oldRow, newCreds] = await Promise.all([
    prisma.apiKey.findUniqueOrThrow({ where: { id: oldKeyId }, select: { apiKeyDigest: true } }),
    loadKeyCredentials(newKeyId),
  ]);
  const text = bytes.toString("utf8");
  const found = holding(detect(real, text), oldRow.apiKeyDigest);
  if (!found) throw new WriteBackError(`${filePath} does not hold the old key any more. Nothing was written.`, "write-no-old-key");
  const values: Record<CredField, string> = { apiKey: newCreds.apiKey, secretKey: newCreds.secretKey, passphrase: newCreds.passphrase };
  let next = text;
  try {
    for (const s of [...found.spans].sort((a, b) => b.start - a.start)) next = next.slice(0, s.start) + s.encode(values[s.field]) + next.slice(s.end);
  } catch {
    throw new WriteBackError(
      `The new key's values cannot be written into ${filePath} in its format (quotes or line breaks in the passphrase). Nothing was written; put the new key in by hand.`,
      "write-unencodable",
    );
  }

  const backup = `${real}.keywarden-backup-${stamp()}`;
  await writeExclusive(backup, bytes, st);
  await atomicReplace(real, next, st);

  // Proof: read the file back as the scan would.
  const after = await fs.readFile(real);
  const again = detect(real, after.toString("utf8"));
  const newDigest = apiKeyDigest(newCreds.apiKey);
  const proved = holding(again, newDigest);
  if (!proved || holding(again, oldRow.apiKeyDigest)) {
    throw new WriteBackError(`After writing, ${filePath} does not read back as holding the new key. The original is kept as ${backup}.`, "write-not-proved");
  }
  const incomplete = (["secretKey", "passphrase"] as const).some((f) => found.spans.some((s) => s.field === f) && proved[f] !== values[f]);
  if (incomplete)
    throw new WriteBackError(
      `After writing, the secret or passphrase in ${filePath} does not read back as the new one. The original is kept as ${backup}.`,
      "write-not-proved",
    );
  const st2 = await fs.stat(real);
  const fields = found.spans.map((s) => s.field);
  await prisma.$transaction(async (tx) => {
    await tx.scanFile.update({
      where: { id: row.id },
      data: {
        keyId: newKeyId,
        apiKeyDigest: newDigest,
        fingerprint: fingerprint(newCreds.apiKey),
        size: st2.size,
        mtimeMs: st2.mtimeMs,
        contentDigest: contentDigest(after),
        mode: st2.mode & 0o7777,
      },
    });
    await recordEvent(
      {
        action: "key.file-written",
        actor: opts.actor,
        keyId: newKeyId,
        keyLabel: newCreds.label,
        detail: { path: filePath, backup: path.basename(backup), fields, rotationId: opts.rotationId, from: oldKeyId },
      },
      tx,
    );
  });
  return { path: filePath, backup, fields };
}
