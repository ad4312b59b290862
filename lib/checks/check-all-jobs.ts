import "server-only";
// In-memory registry so the web UI can start "check all" and poll its progress. Jobs live only as
// long as the process (a restart locks the vault anyway). One check-all runs at a time: a second
// start returns the running job instead of doubling the requests to OKX.
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/event-log/record";
import { toUserError } from "@/lib/errors/to-user-message";
import { checkAll, type CheckAllOptions, type CheckAllProgress, type CheckAllSummary } from "./check-all";

export interface CheckAllJobStatus {
  id: string;
  done: number;
  total: number;
  ok: number;
  failed: number;
  ipBound: number;
  notOk: CheckAllProgress["notOk"];
  /** Label of the key that just finished. */
  current?: string;
  finished: boolean;
  /** A message fit for the page (e.g. "The vault is locked…"), never raw exception text. */
  error?: string;
  startedAt: Date;
  finishedAt: Date | null;
  summary?: Pick<CheckAllSummary, "byOutcome" | "durationMs">;
}

interface Registry {
  jobs: Map<string, CheckAllJobStatus>;
  running: string | null;
}

const g = globalThis as unknown as { keywardenCheckJobs?: Registry };
const registry = (): Registry => (g.keywardenCheckJobs ??= { jobs: new Map(), running: null });

const KEEP_FINISHED_MS = 60 * 60_000;
const KEEP_MAX = 20;

export interface StartCheckAllJobOptions extends Pick<CheckAllOptions, "concurrency" | "client"> {
  actor?: Actor;
}

/** Starts checking keyIds (default: every checkable key) in the background; returns the job id. */
export function startCheckAllJob(keyIds?: string[], opts: StartCheckAllJobOptions = {}): string {
  const reg = registry();
  if (reg.running) return reg.running;
  prune(reg);
  const job: CheckAllJobStatus = {
    id: randomUUID(),
    done: 0,
    total: keyIds?.length ?? 0,
    ok: 0,
    failed: 0,
    ipBound: 0,
    notOk: [],
    finished: false,
    startedAt: new Date(),
    finishedAt: null,
  };
  reg.jobs.set(job.id, job);
  reg.running = job.id;
  void checkAll({
    keyIds,
    concurrency: opts.concurrency,
    client: opts.client,
    actor: opts.actor ?? "web",
    onProgress: (p) => Object.assign(job, p),
  })
    .then((summary) => {
      job.summary = { byOutcome: summary.byOutcome, durationMs: summary.durationMs };
    })
    .catch((e: unknown) => {
      job.error = toUserError(e).message;
    })
    .finally(() => {
      job.finished = true;
      job.finishedAt = new Date();
      if (reg.running === job.id) reg.running = null;
    });
  return job.id;
}

/** A snapshot of the job, or null when unknown (never started, or pruned). */
export function getJob(jobId: string): CheckAllJobStatus | null {
  const job = registry().jobs.get(jobId);
  return job ? structuredClone(job) : null;
}

function prune(reg: Registry): void {
  const now = Date.now();
  const finished = [...reg.jobs.values()].filter((j) => j.finished);
  for (const j of finished) if (j.finishedAt && now - j.finishedAt.getTime() > KEEP_FINISHED_MS) reg.jobs.delete(j.id);
  const left = [...reg.jobs.values()].filter((j) => j.finished);
  for (const j of left.slice(0, Math.max(0, left.length - KEEP_MAX))) reg.jobs.delete(j.id);
}
