import "server-only";
// "This file holds an OKX key Keywarden does not know": add it. The secret and passphrase are read from the file
// here, on the server, and go straight into the normal add-and-check path; the browser only ever sent the label,
// purpose and the scan row's id.
import { addAndCheckKey, type AddedKey } from "@/lib/checks/add-and-check";
import { db } from "@/lib/db/client";
import { AppError, NotFoundError } from "@/lib/errors/app-error";
import { consumerLine } from "@/lib/domain";
import { detect } from "./detect";
import { apiKeyDigest } from "./scan-digest";
import { scanHost } from "./scan-store";
import { readUnchanged } from "./unchanged-file";

export interface AddFromScanInput {
  label: string;
  purpose: string;
  createdOn: string;
}

export async function addKeyFromScan(scanFileId: number, input: AddFromScanInput): Promise<AddedKey> {
  const prisma = await db();
  const row = await prisma.scanFile.findUnique({ where: { id: scanFileId } });
  if (!row || !row.apiKeyDigest) throw new NotFoundError("This scan result");
  const stored = await prisma.apiKey.findUnique({ where: { apiKeyDigest: row.apiKeyDigest }, select: { label: true } });
  if (stored) throw new AppError(`This key is already stored as “${stored.label}”.`, "scan-known");
  const { real, bytes } = await readUnchanged(row);
  const found = detect(real, bytes.toString("utf8")).find((d) => d.apiKey && apiKeyDigest(d.apiKey) === row.apiKeyDigest);
  if (!found?.apiKey) throw new AppError(`${row.path} does not hold that key any more. Scan again.`, "scan-file-changed");
  if (!found.secretKey || !found.passphrase) {
    throw new AppError(`${row.path} holds the API key but not its secret key and passphrase: add the key under Keys → Add key instead.`, "scan-no-secret");
  }
  // Every file of the latest scan holding the same key becomes a consumer of it.
  const same = await prisma.scanFile.findMany({ where: { runId: row.runId, apiKeyDigest: row.apiKeyDigest }, select: { app: true, path: true } });
  const usedBy = same.map((f) => consumerLine({ name: f.app, host: scanHost(), path: f.path })).join("\n");
  return addAndCheckKey({
    label: input.label,
    purpose: input.purpose,
    createdOn: input.createdOn,
    region: "detect",
    host: "",
    demo: false,
    usedBy,
    notes: "",
    apiKey: found.apiKey,
    secretKey: found.secretKey,
    passphrase: found.passphrase,
  });
}
