import "server-only";
// Is a found file inside a git work tree, and does git hold it? A tracked file, or one in any commit's history, is
// published by every push of that repository. Read-only git calls through execFile (no shell), each with a timeout;
// GIT_OPTIONAL_LOCKS=0 keeps `git` from refreshing the index while it answers.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { GitState } from "./types";

const TIMEOUT_MS = 10_000;

function git(cwd: string, args: string[]): Promise<{ ok: boolean; stdout: string; code: number | null }> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["-c", "safe.directory=*", "-c", "core.fsmonitor=false", ...args],
      { cwd, timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0" }, windowsHide: true },
      (err, stdout) => resolve({ ok: !err, stdout: String(stdout), code: err ? ((err as { code?: number }).code ?? null) : 0 }),
    );
  });
}

/** The work tree holding `file` (the nearest folder above it with a .git entry), or null. */
export function workTreeOf(file: string, cache: Map<string, string | null>): string | null {
  const seen: string[] = [];
  let dir = path.dirname(file);
  let found: string | null = null;
  for (;;) {
    if (cache.has(dir)) {
      found = cache.get(dir)!;
      break;
    }
    seen.push(dir);
    if (fs.existsSync(path.join(dir, ".git"))) {
      found = dir;
      break;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of seen) cache.set(d, found);
  return found;
}

/** What git says about each file of one work tree: tracked, in history only, ignored or untracked ("unknown" on error). */
export async function gitStates(workTree: string, files: string[]): Promise<Map<string, GitState>> {
  const out = new Map<string, GitState>();
  const rel = new Map(files.map((f) => [path.relative(workTree, f).split(path.sep).join("/"), f]));
  const rels = [...rel.keys()];
  const tracked = await git(workTree, ["ls-files", "-z", "--", ...rels]);
  if (!tracked.ok) {
    for (const f of files) out.set(f, "unknown");
    return out;
  }
  const trackedSet = new Set(tracked.stdout.split("\0").filter(Boolean));
  const rest = rels.filter((r) => !trackedSet.has(r));
  const inHistory = new Set<string>();
  if (rest.length) {
    // Every commit reachable from any ref that touched one of these paths (an empty repository has no HEAD: no history).
    const log = await git(workTree, ["log", "--all", "--format=", "--name-only", "-z", "--", ...rest]);
    for (const p of log.stdout.split(/[\0\n]/).filter(Boolean)) inHistory.add(p);
  }
  const left = rest.filter((r) => !inHistory.has(r));
  const ignored = new Set<string>();
  if (left.length) {
    const ig = await git(workTree, ["check-ignore", "-z", "--", ...left]);
    for (const p of ig.stdout.split("\0").filter(Boolean)) ignored.add(p);
  }
  for (const [r, f] of rel) out.set(f, trackedSet.has(r) ? "tracked" : inHistory.has(r) ? "history" : ignored.has(r) ? "ignored" : "untracked");
  return out;
}
