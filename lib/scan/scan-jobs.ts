import "server-only";
// Background scans for the web UI: start, poll progress, cancel. Like check-all jobs (lib/checks/check-all-jobs.ts)
// they live in the server's memory; the result itself is in the database (ScanRun), so a reload or restart
// shows the last finished scan. One scan at a time.
import { toUserError } from "@/lib/errors/to-user-message";
import { createScanRun, runScan } from "./scan-store";
import type { ScanProgress } from "./scan-tree";

export interface ScanJobStatus extends ScanProgress {
  id: string;
  finished: boolean;
  cancelled: boolean;
  error?: string;
}

interface Registry {
  jobs: Map<string, { status: ScanJobStatus; abort: AbortController }>;
  running: string | null;
}
const g = globalThis as unknown as { keywardenScanJobs?: Registry };
const registry = (): Registry => (g.keywardenScanJobs ??= { jobs: new Map(), running: null });

/** Starts a scan of `roots` (validated, vault must be unlocked) and returns its run id; a running scan is returned instead. */
export async function startScanJob(roots: unknown): Promise<string> {
  const reg = registry();
  if (reg.running) return reg.running;
  const id = await createScanRun(roots, "web");
  const abort = new AbortController();
  const status: ScanJobStatus = { id, filesSeen: 0, candidates: 0, found: 0, finished: false, cancelled: false };
  reg.jobs.set(id, { status, abort });
  reg.running = id;
  void runScan(null, { runId: id, actor: "web", signal: abort.signal, onProgress: (p) => Object.assign(status, p) })
    .catch((e: unknown) => {
      if (abort.signal.aborted) status.cancelled = true;
      else status.error = toUserError(e).message;
    })
    .finally(() => {
      status.finished = true;
      status.current = undefined;
      if (reg.running === id) reg.running = null;
    });
  return id;
}

export function getScanJob(id: string): ScanJobStatus | null {
  const j = registry().jobs.get(id);
  return j ? { ...j.status } : null;
}

export function runningScanJobId(): string | null {
  return registry().running;
}

export function cancelScanJob(id: string): boolean {
  const j = registry().jobs.get(id);
  if (!j || j.status.finished) return false;
  j.abort.abort();
  return true;
}
