"use client";
// Starts a background check of many keys and shows live progress, then refreshes the page's data.
import { useTransition } from "react";
import { JobProblemText } from "@/components/job-problem-text";
import { usePolledJob } from "@/components/use-polled-job";
import { checkRunSummary, type CheckRunStatus } from "./check-run-summary";

/** What starting a check job answers (the server action is passed in: components never import app/). */
export type StartCheckJob = (keyIds?: string[]) => Promise<{ jobId?: string; error?: string; locked?: boolean }>;

export function CheckAllButton({
  startJob,
  keyIds,
  label = "Check all keys",
  formId,
}: {
  startJob: StartCheckJob;
  keyIds?: string[];
  label?: string;
  formId?: string;
}) {
  const job = usePolledJob<CheckRunStatus>({ route: "/api/check-jobs", intervalMs: 400 });
  const [pending, startTransition] = useTransition();

  const start = () =>
    startTransition(async () => {
      job.clear();
      let ids = keyIds;
      if (formId) {
        const form = document.getElementById(formId) as HTMLFormElement | null;
        ids = form ? new FormData(form).getAll("keyId").map(String) : [];
        if (!ids.length) {
          job.fail("Select at least one key first.");
          return;
        }
      }
      const r = await startJob(ids);
      if (r.error) job.fail(r.error, !!r.locked);
      else if (r.jobId) job.follow(r.jobId);
    });

  const { running, status } = job;
  const pct = status && status.total ? Math.round((status.done / status.total) * 100) : 0;
  return (
    <div className="flex min-w-64 flex-col gap-1">
      <button
        type="button"
        onClick={start}
        disabled={running || pending}
        className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
      >
        {running ? "Checking…" : label}
      </button>
      <div aria-live="polite" className="min-h-10 text-xs text-zinc-700 dark:text-zinc-300">
        {status && (
          <>
            <div
              role="progressbar"
              aria-label="Check progress"
              aria-valuemin={0}
              aria-valuemax={status.total}
              aria-valuenow={status.done}
              className="h-1.5 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
            >
              <progress value={status.done} max={status.total || 1} className="sr-only" />
              {/* Set through the DOM after hydration (never in server HTML), so the CSP's style-src allows it. */}
              <div className="h-1.5 bg-sky-600 transition-[width]" style={{ width: `${pct}%` }} />
            </div>
            <p>{checkRunSummary(status)}</p>
          </>
        )}
        <JobProblemText problem={job.problem} />
      </div>
    </div>
  );
}
