import "server-only";
// Runs a scan and keeps its result: the run, and one row per credential found (path, style, keyed digests, mode,
// git state; never a value). Files holding a stored key become that key's consumers (with the path), which is what
// a rotation's switch checklist walks through.
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordEvent, type Actor } from "@/lib/event-log/record";
import { AppError, NotFoundError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { fingerprint } from "@/lib/keys/fingerprint";
import { parseConsumers, type Consumer } from "@/lib/domain";
import { requireDataKeyForScan } from "./scan-vault";
import { apiKeyDigest, contentDigest } from "./scan-digest";
import { fileFindings } from "./file-findings";
import { scanTree, type FoundFile, type ScanProgress } from "./scan-tree";
import type { ScanFileDto, ScanResultDto, ScanRunDto } from "./scan-dto";
import { SKIP_WORDING, type GitState, type ScanStyle, type SkipNote } from "./types";

export const scanRootsSchema = z
  .array(z.string().trim().min(1).max(1000, "A folder path must be at most 1000 characters."))
  .min(1, "Enter at least one folder to scan.")
  .max(20, "Scan at most 20 folders at once.")
  .refine((a) => a.every((p) => path.isAbsolute(p)), "Use absolute folder paths, such as /home/me/bots.");

export interface RunScanOptions {
  actor?: Actor;
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  /** The run row, when the caller created it already (the web job shows its id before the walk starts). */
  runId?: string;
  maxFileBytes?: number;
}

/** Host recorded on consumers the scan finds: the machine the files are on. */
export const scanHost = () => os.hostname();

export async function createScanRun(rootsInput: unknown, actor: Actor = "web"): Promise<string> {
  const roots = parseInput(z.object({ roots: scanRootsSchema }), { roots: rootsInput }).roots.map((r) => path.resolve(r));
  requireDataKeyForScan();
  const prisma = await db();
  const id = randomUUID();
  await prisma.scanRun.create({ data: { id, roots: JSON.stringify(roots), actor, status: "running" } });
  return id;
}

/** Scans `rootsInput` (or the folders of the run `opts.runId` already created) and keeps the result. */
export async function runScan(rootsInput: unknown, opts: RunScanOptions = {}): Promise<ScanResultDto> {
  const runId = opts.runId ?? (await createScanRun(rootsInput, opts.actor));
  const prisma = await db();
  const run = await prisma.scanRun.findUniqueOrThrow({ where: { id: runId } });
  const roots = JSON.parse(run.roots) as string[];
  try {
    const result = await scanTree(roots, { signal: opts.signal, onProgress: opts.onProgress, digest: contentDigest, maxFileBytes: opts.maxFileBytes });
    await saveResult(runId, result.files, result.skipped, result.filesSeen, opts.actor ?? "web");
  } catch (e) {
    const cancelled = opts.signal?.aborted ?? false;
    await prisma.scanRun.update({
      where: { id: runId },
      data: { status: cancelled ? "cancelled" : "failed", finishedAt: new Date(), error: cancelled ? null : "The scan stopped on an unexpected error." },
    });
    if (cancelled) throw new AppError("The scan was cancelled. Nothing from it was kept.", "scan-cancelled");
    throw e;
  }
  return loadScan(runId);
}

async function saveResult(runId: string, files: FoundFile[], skipped: SkipNote[], filesSeen: number, actor: Actor) {
  const prisma = await db();
  const keys = await prisma.apiKey.findMany({ select: { id: true, label: true, apiKeyDigest: true, usedBy: true, status: true } });
  const byDigest = new Map(keys.map((k) => [k.apiKeyDigest, k]));
  const rows = files.map((f) => {
    const d = f.detection;
    const digest = d.apiKey ? apiKeyDigest(d.apiKey) : null;
    return {
      runId,
      path: f.path,
      style: f.style,
      app: f.app,
      keyId: digest ? (byDigest.get(digest)?.id ?? null) : null,
      apiKeyDigest: digest,
      fingerprint: d.apiKey ? fingerprint(d.apiKey) : null,
      encrypted: d.encrypted,
      hasSecret: !!(d.secretKey && d.passphrase),
      mode: f.mode,
      size: f.size,
      mtimeMs: f.mtimeMs,
      contentDigest: f.contentDigest,
      git: f.git,
    };
  });
  const host = scanHost();
  await prisma.$transaction(async (tx) => {
    if (rows.length) await tx.scanFile.createMany({ data: rows });
    // Each stored key gains the files that hold it as consumers; consumers already listed (by path) stay as they are.
    for (const k of keys) {
      const mine = rows.filter((r) => r.keyId === k.id);
      if (!mine.length) continue;
      const consumers = parseConsumers(k.usedBy);
      const known = new Set(consumers.map((c) => c.path).filter(Boolean));
      const added: Consumer[] = [];
      for (const r of mine) {
        if (known.has(r.path)) continue;
        known.add(r.path);
        added.push({ name: r.app, host, path: r.path });
      }
      if (!added.length) continue;
      await tx.apiKey.update({ where: { id: k.id }, data: { usedBy: JSON.stringify([...consumers, ...added].slice(0, 50)) } });
      await recordEvent(
        { action: "key.consumers-found", actor, keyId: k.id, keyLabel: k.label, detail: { scanId: runId, files: added.map((c) => c.path) } },
        tx,
      );
    }
    await tx.scanRun.update({ where: { id: runId }, data: { status: "done", finishedAt: new Date(), filesSeen, skipped: JSON.stringify(skipped) } });
    await recordEvent(
      {
        action: "scan.run",
        actor,
        detail: {
          scanId: runId,
          filesSeen,
          found: rows.length,
          known: rows.filter((r) => r.keyId).length,
          unknown: rows.filter((r) => !r.keyId && !r.encrypted).length,
          skipped: skipped.length,
        },
      },
      tx,
    );
  });
}

type ScanFileRow = {
  id: number;
  path: string;
  style: string;
  app: string;
  keyId: string | null;
  fingerprint: string | null;
  encrypted: boolean;
  hasSecret: boolean;
  mode: number;
  git: string;
};

function toFileDto(r: ScanFileRow, labels: Map<string, string>): ScanFileDto {
  const git = r.git as GitState;
  return {
    id: r.id,
    path: r.path,
    style: r.style as ScanStyle,
    app: r.app,
    key: r.keyId && labels.has(r.keyId) ? { id: r.keyId, label: labels.get(r.keyId)! } : null,
    fingerprint: r.fingerprint,
    encrypted: r.encrypted,
    hasSecret: r.hasSecret,
    mode: r.mode,
    git,
    findings: fileFindings({ mode: r.mode, git }),
  };
}

function toRunDto(r: {
  id: string;
  roots: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  filesSeen: number;
  skipped: string;
  error: string | null;
}): ScanRunDto {
  const skipped = (JSON.parse(r.skipped) as SkipNote[]).map((s) => ({ ...s, text: SKIP_WORDING[s.reason] ?? s.reason }));
  return {
    id: r.id,
    roots: JSON.parse(r.roots),
    status: r.status as ScanRunDto["status"],
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    filesSeen: r.filesSeen,
    skipped,
    error: r.error,
  };
}

export async function loadScan(runId: string): Promise<ScanResultDto> {
  const prisma = await db();
  const run = await prisma.scanRun.findUnique({ where: { id: runId }, include: { files: { orderBy: { path: "asc" } } } });
  if (!run) throw new NotFoundError("This scan");
  const keys = await prisma.apiKey.findMany({ select: { id: true, label: true, apiKeyDigest: true } });
  const labels = new Map(keys.map((k) => [k.id, k.label]));
  // A key added after the scan (from this very result) is matched by its digest, without scanning again.
  const byDigest = new Map(keys.map((k) => [k.apiKeyDigest, k.id]));
  const files = run.files.map((f) => toFileDto({ ...f, keyId: f.keyId ?? (f.apiKeyDigest ? (byDigest.get(f.apiKeyDigest) ?? null) : null) }, labels));
  const byKey = new Map<string, ScanResultDto["byKey"][number]>();
  const unknown = new Map<string, ScanResultDto["unknown"][number]>();
  for (const f of files) {
    if (f.key) {
      const e = byKey.get(f.key.id) ?? { key: f.key, files: [] };
      e.files.push(f);
      byKey.set(f.key.id, e);
    } else if (!f.encrypted && f.fingerprint) {
      const e = unknown.get(f.fingerprint) ?? { fingerprint: f.fingerprint, files: [] };
      e.files.push(f);
      unknown.set(f.fingerprint, e);
    }
  }
  return { run: toRunDto(run), files, byKey: [...byKey.values()], unknown: [...unknown.values()] };
}

/** The newest finished scan, or null when none ran yet. */
export async function latestScan(): Promise<ScanResultDto | null> {
  const prisma = await db();
  const run = await prisma.scanRun.findFirst({ where: { status: "done" }, orderBy: { startedAt: "desc" }, select: { id: true } });
  return run ? loadScan(run.id) : null;
}

/** The newest scan row for a file (what a write-back compares the file with). */
export async function latestScanFileFor(filePath: string, keyId: string) {
  const prisma = await db();
  return prisma.scanFile.findFirst({ where: { path: filePath, keyId, run: { status: "done" } }, orderBy: { id: "desc" } });
}
