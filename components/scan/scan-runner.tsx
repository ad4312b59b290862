"use client";
// Starts a scan of the folders typed in, shows its progress live and lets it be cancelled, then refreshes the page
// (the result is read from the database, so a reload shows it too).
import { useTransition } from "react";
import { inputClass } from "@/components/field";
import { JobProblemText } from "@/components/job-problem-text";
import { usePolledJob } from "@/components/use-polled-job";

interface Progress {
  filesSeen: number;
  candidates: number;
  found: number;
  current?: string;
  finished: boolean;
  cancelled: boolean;
  error?: string;
}

/** The scan page's server actions, passed in because components never import app/. */
export interface ScanActions {
  startScan: (rootsText: string) => Promise<{ jobId?: string; error?: string; locked?: boolean }>;
  cancelScan: (jobId: string) => Promise<{ ok?: boolean; error?: string; locked?: boolean }>;
}

export function ScanRunner({ defaultRoots, runningJobId, startScan, cancelScan }: { defaultRoots: string; runningJobId: string | null } & ScanActions) {
  const job = usePolledJob<Progress>({ route: "/api/scan-jobs", intervalMs: 300, initialJobId: runningJobId });
  const [pending, startTransition] = useTransition();

  const start = (form: FormData) =>
    startTransition(async () => {
      job.clear({ status: true });
      const r = await startScan(String(form.get("roots") ?? ""));
      if (r.error) job.fail(r.error, !!r.locked);
      else if (r.jobId) job.follow(r.jobId);
    });

  const { jobId, running, status: p } = job;
  // A scan that ends with an error reports it in its last progress.
  const problem = job.problem ?? (p?.finished && p.error ? { message: p.error, locked: false } : null);
  return (
    <form action={start} className="max-w-2xl space-y-3">
      <div className="space-y-1">
        <label htmlFor="roots" className="block text-sm font-medium">
          Folders to scan
        </label>
        <textarea
          id="roots"
          name="roots"
          rows={3}
          defaultValue={defaultRoots}
          aria-describedby="roots-hint roots-error"
          aria-invalid={!!problem && !running}
          className={`${inputClass} font-mono`}
          spellCheck={false}
        />
        <p id="roots-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          One absolute path per line, e.g. /home/me/bots. Read-only: nothing is changed. node_modules and .git are not walked.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={running || pending}
          className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
        >
          {running ? "Scanning…" : "Scan these folders"}
        </button>
        {running && (
          <button
            type="button"
            onClick={() => void cancelScan(jobId!)}
            className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800"
          >
            Cancel scan
          </button>
        )}
      </div>
      <div id="roots-error" aria-live="polite" className="min-h-6 text-sm">
        {p && !p.finished && (
          <p>
            Scanning: {p.filesSeen} files looked at, {p.found} with OKX credentials…
          </p>
        )}
        {p?.finished && p.cancelled && <p>The scan was cancelled. Nothing from it was kept; the result below is the previous scan.</p>}
        {p?.finished && !p.cancelled && !p.error && (
          <p>
            Scan finished: {p.filesSeen} files looked at, {p.found} with OKX credentials.
          </p>
        )}
        <JobProblemText problem={problem} />
      </div>
    </form>
  );
}
