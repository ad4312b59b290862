"use client";
// Starts a scan of the folders typed in, shows its progress live and lets it be cancelled, then refreshes the page
// (the result is read from the database, so a reload shows it too).
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { inputClass } from "@/components/field";
import { UnlockLink } from "@/components/unlock-link";

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
  const router = useRouter();
  const [jobId, setJobId] = useState<string | null>(runningJobId);
  const [p, setP] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [locked, setLocked] = useState(false);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    const tick = async () => {
      const res = await fetch(`/api/scan-jobs/${jobId}`, { cache: "no-store" });
      if (stop) return;
      if (!res.ok) {
        setError(res.status === 401 ? "The vault locked itself." : "Could not read the progress.");
        setLocked(res.status === 401);
        setJobId(null);
        return;
      }
      const s = (await res.json()) as Progress;
      setP(s);
      if (s.finished) {
        if (s.error) setError(s.error);
        setJobId(null);
        router.refresh();
      } else setTimeout(tick, 300);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [jobId, router]);

  const start = (form: FormData) =>
    startTransition(async () => {
      setError(null);
      setLocked(false);
      setP(null);
      const r = await startScan(String(form.get("roots") ?? ""));
      if (r.error) {
        setError(r.error);
        setLocked(!!r.locked);
      } else if (r.jobId) setJobId(r.jobId);
    });

  const running = !!jobId;
  return (
    <form action={start} className="max-w-2xl space-y-3">
      <div className="space-y-1">
        <label htmlFor="roots" className="block text-sm font-medium">Folders to scan</label>
        <textarea id="roots" name="roots" rows={3} defaultValue={defaultRoots} aria-describedby="roots-hint roots-error" aria-invalid={!!error && !running} className={`${inputClass} font-mono`} spellCheck={false} />
        <p id="roots-hint" className="text-xs text-zinc-600 dark:text-zinc-400">One absolute path per line, e.g. /home/me/bots. Read-only: nothing is changed. node_modules and .git are not walked.</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={running || pending} className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
          {running ? "Scanning…" : "Scan these folders"}
        </button>
        {running && (
          <button type="button" onClick={() => void cancelScan(jobId!)} className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800">
            Cancel scan
          </button>
        )}
      </div>
      <div id="roots-error" aria-live="polite" className="min-h-6 text-sm">
        {p && !p.finished && <p>Scanning: {p.filesSeen} files looked at, {p.found} with OKX credentials…</p>}
        {p?.finished && p.cancelled && <p>The scan was cancelled. Nothing from it was kept; the result below is the previous scan.</p>}
        {p?.finished && !p.cancelled && !p.error && <p>Scan finished: {p.filesSeen} files looked at, {p.found} with OKX credentials.</p>}
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
    </form>
  );
}
