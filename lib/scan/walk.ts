import "server-only";
// Walks the chosen folders read-only. Symbolic links are followed only while they stay inside the chosen folders,
// and a folder is entered once (by its real path), so a link loop ends. node_modules and .git are not walked.
import fs from "node:fs/promises";
import path from "node:path";
import { fileKind } from "./detect";
import type { SkipNote } from "./types";

export const NOT_WALKED = new Set(["node_modules", ".git"]);

export interface WalkEvents {
  /** A file whose name a detector reads (real path, and the path as reached). */
  onCandidate: (file: { path: string; realPath: string }) => Promise<void>;
  onSkip: (note: SkipNote) => void;
  /** Every file seen, candidate or not (for progress). */
  onFile: () => void;
  signal?: AbortSignal;
}

const inside = (p: string, root: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

export async function walk(roots: string[], ev: WalkEvents): Promise<void> {
  const realRoots: string[] = [];
  for (const r of roots) {
    try {
      const real = await fs.realpath(r);
      if ((await fs.stat(real)).isDirectory()) realRoots.push(real);
      else ev.onSkip({ path: r, reason: "not-a-folder" });
    } catch {
      ev.onSkip({ path: r, reason: "not-a-folder" });
    }
  }
  const visitedDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const withinRoots = (p: string) => realRoots.some((r) => inside(p, r));

  const visitDir = async (dir: string, realDir: string): Promise<void> => {
    if (visitedDirs.has(realDir)) return;
    visitedDirs.add(realDir);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      ev.onSkip({ path: dir, reason: "unreadable-folder" });
      return;
    }
    for (const e of entries) {
      ev.signal?.throwIfAborted();
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!NOT_WALKED.has(e.name)) await visitDir(p, path.join(realDir, e.name));
      } else if (e.isFile()) {
        ev.onFile();
        const real = path.join(realDir, e.name);
        if (fileKind(p) && !seenFiles.has(real)) {
          seenFiles.add(real);
          await ev.onCandidate({ path: p, realPath: real });
        }
      } else if (e.isSymbolicLink()) {
        await visitLink(p);
      }
    }
  };

  const visitLink = async (p: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(p);
    } catch (err) {
      // ELOOP: the link points back at itself through other links.
      if ((err as NodeJS.ErrnoException).code === "ELOOP") ev.onSkip({ path: p, reason: "symlink-loop" });
      return; // a dangling link holds nothing
    }
    if (!withinRoots(real)) return ev.onSkip({ path: p, reason: "symlink-outside" });
    const st = await fs.stat(real).catch(() => null);
    if (!st) return;
    if (st.isDirectory()) {
      if (NOT_WALKED.has(path.basename(p))) return;
      if (visitedDirs.has(real) || isAncestorOf(real, p)) return ev.onSkip({ path: p, reason: "symlink-loop" });
      await visitDir(p, real);
    } else if (st.isFile()) {
      ev.onFile();
      if (fileKind(p) && !seenFiles.has(real)) {
        seenFiles.add(real);
        await ev.onCandidate({ path: p, realPath: real });
      }
    }
  };

  for (const r of realRoots) await visitDir(r, r);
}

function isAncestorOf(realDir: string, linkPath: string): boolean {
  return inside(path.resolve(linkPath), realDir);
}
