"use client";
// Starts a background check of many keys and shows live progress, then refreshes the page's data.
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { UnlockLink } from "@/components/unlock-link";
import { checkRunSummary, type CheckRunStatus } from "./check-run-summary";

type JobStatus = CheckRunStatus;

/** What starting a check job answers (the server action is passed in: components never import app/). */
export type StartCheckJob = (keyIds?: string[]) => Promise<{ jobId?: string; error?: string; locked?: boolean }>;

export function CheckAllButton({ startJob, keyIds, label = "Check all keys", formId }: { startJob: StartCheckJob; keyIds?: string[]; label?: string; formId?: string }) {
  const router = useRouter();
  const [jobId, setJobId] = useState<string | null>(null);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [locked, setLocked] = useState(false);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    const tick = async () => {
      const res = await fetch(`/api/check-jobs/${jobId}`, { cache: "no-store" });
      if (!res.ok) {
        setError(res.status === 401 ? "The vault locked itself." : "Could not read the progress.");
        setLocked(res.status === 401);
        setJobId(null);
        return;
      }
      const s = (await res.json()) as JobStatus;
      if (stop) return;
      setStatus(s);
      if (s.finished) {
        router.refresh();
        setJobId(null);
      } else setTimeout(tick, 400);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [jobId, router]);

  const start = () =>
    startTransition(async () => {
      setError(null);
      setLocked(false);
      let ids = keyIds;
      if (formId) {
        const form = document.getElementById(formId) as HTMLFormElement | null;
        ids = form ? new FormData(form).getAll("keyId").map(String) : [];
        if (!ids.length) {
          setError("Select at least one key first.");
          return;
        }
      }
      const r = await startJob(ids);
      if (r.error) {
        setError(r.error);
        setLocked(!!r.locked);
      }
      else if (r.jobId) setJobId(r.jobId);
    });

  const running = !!jobId;
  const pct = status && status.total ? Math.round((status.done / status.total) * 100) : 0;
  return (
    <div className="flex min-w-64 flex-col gap-1">
      <button type="button" onClick={start} disabled={running || pending} className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {running ? "Checking…" : label}
      </button>
      <div aria-live="polite" className="min-h-10 text-xs text-zinc-700 dark:text-zinc-300">
        {status && (
          <>
            <div role="progressbar" aria-label="Check progress" aria-valuemin={0} aria-valuemax={status.total} aria-valuenow={status.done} className="h-1.5 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
              <progress value={status.done} max={status.total || 1} className="sr-only" />
              {/* Set through the DOM after hydration (never in server HTML), so the CSP's style-src allows it. */}
              <div className="h-1.5 bg-sky-600 transition-[width]" style={{ width: `${pct}%` }} />
            </div>
            <p>{checkRunSummary(status)}</p>
          </>
        )}
        {error && (
          <p className="text-red-700 dark:text-red-400">
            {error}
            {locked && (
              <>
                {" "}
                <UnlockLink />
              </>
            )}
          </p>
        )}
      </div>
    </div>
  );
}
