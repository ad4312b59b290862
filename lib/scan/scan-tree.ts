import "server-only";
// The scan engine, without the database: walk → read each candidate → detect → ask git. Found values stay in the
// returned Detection objects, in memory, for the caller to match and forget.
import path from "node:path";
import { detect } from "./detect";
import { gitStates, workTreeOf } from "./git-status";
import { MAX_FILE_BYTES, readCandidate } from "./read-candidate";
import { walk } from "./walk";
import type { Detection, GitState, ScanStyle, SkipNote } from "./types";

export interface FoundFile {
  path: string;
  style: ScanStyle;
  app: string;
  mode: number;
  size: number;
  mtimeMs: number;
  contentDigest: string;
  git: GitState;
  detection: Detection;
}

export interface ScanProgress {
  filesSeen: number;
  candidates: number;
  found: number;
  current?: string;
}

export interface ScanTreeOptions {
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  /** Keyed digest of a file's bytes (the vault's digest key), so "changed since the scan" needs no copy of it. */
  digest: (bytes: Buffer) => string;
  maxFileBytes?: number;
}

export interface ScanTreeResult {
  files: FoundFile[];
  skipped: SkipNote[];
  filesSeen: number;
}

// Folder names that say where in an app a config sits, not which app it is.
const GENERIC_DIRS = new Set(["config", "configs", "conf", "connectors", "user_data", "etc", "settings", ".config", "env", "secrets"]);

/** The consumer's name: the nearest folder above the file that is not a generic config folder. */
export function appName(file: string): string {
  let dir = path.dirname(file);
  while (GENERIC_DIRS.has(path.basename(dir).toLowerCase()) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.basename(dir) || dir;
}

export async function scanTree(roots: string[], opts: ScanTreeOptions): Promise<ScanTreeResult> {
  const files: FoundFile[] = [];
  const skipped: SkipNote[] = [];
  const progress: ScanProgress = { filesSeen: 0, candidates: 0, found: 0 };
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (force || now - lastReport > 100) {
      lastReport = now;
      opts.onProgress?.({ ...progress });
    }
  };
  await walk(roots, {
    signal: opts.signal,
    onSkip: (n) => skipped.push(n),
    onFile: () => {
      progress.filesSeen++;
      report();
    },
    onCandidate: async ({ path: p }) => {
      progress.candidates++;
      progress.current = p;
      const read = await readCandidate(p, opts.maxFileBytes ?? MAX_FILE_BYTES);
      if ("skip" in read) {
        skipped.push({ path: p, reason: read.skip });
        return;
      }
      const found = detect(p, read.text);
      if (!found.length) return;
      const contentDigest = opts.digest(read.bytes);
      for (const d of found) {
        files.push({
          path: p,
          style: d.style,
          app: appName(p),
          mode: read.mode,
          size: read.size,
          mtimeMs: read.mtimeMs,
          contentDigest,
          git: "none",
          detection: d,
        });
        progress.found++;
      }
    },
  });
  opts.signal?.throwIfAborted();
  await addGitStates(files, opts.signal);
  report(true);
  return { files, skipped, filesSeen: progress.filesSeen };
}

async function addGitStates(files: FoundFile[], signal?: AbortSignal): Promise<void> {
  const cache = new Map<string, string | null>();
  const byTree = new Map<string, string[]>();
  for (const f of files) {
    const tree = workTreeOf(f.path, cache);
    if (tree) byTree.set(tree, [...(byTree.get(tree) ?? []), f.path]);
  }
  for (const [tree, paths] of byTree) {
    signal?.throwIfAborted();
    const states = await gitStates(tree, [...new Set(paths)]);
    for (const f of files) if (states.has(f.path)) f.git = states.get(f.path)!;
  }
}
