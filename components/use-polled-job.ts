"use client";
// Follows a background job (a check of many keys, a scan) by polling its progress route until it finishes, then
// refreshes the page's server data. A 401 means the vault locked itself meanwhile: the problem says so and carries
// `locked`, so the component can offer the way back through /unlock.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";

/** What went wrong, in words, and whether unlocking would help. */
export interface JobProblem {
  message: string;
  locked: boolean;
}

interface Options {
  /** The progress route without the job id, e.g. "/api/check-jobs". */
  route: string;
  intervalMs: number;
  /** A job already running when the page was rendered (the page was reloaded mid-way). */
  initialJobId?: string | null;
}

export function usePolledJob<S extends { finished: boolean }>({ route, intervalMs, initialJobId = null }: Options) {
  const router = useRouter();
  const [jobId, setJobId] = useState<string | null>(initialJobId);
  const [status, setStatus] = useState<S | null>(null);
  const [problem, setProblem] = useState<JobProblem | null>(null);

  useEffect(() => {
    if (!jobId) return;
    // Set by the cleanup: an answer that arrives after unmount or after the job changed is dropped.
    let stop = false;
    const tick = async () => {
      const res = await fetch(`${route}/${jobId}`, { cache: "no-store" });
      if (stop) return;
      if (!res.ok) {
        setProblem({ message: res.status === 401 ? "The vault locked itself." : "Could not read the progress.", locked: res.status === 401 });
        setJobId(null);
        return;
      }
      const s = (await res.json()) as S;
      if (stop) return;
      setStatus(s);
      if (s.finished) {
        setJobId(null);
        router.refresh();
      } else setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [jobId, route, intervalMs, router]);

  return {
    jobId,
    running: !!jobId,
    status,
    problem,
    follow: (id: string) => setJobId(id),
    fail: (message: string, locked = false) => setProblem({ message, locked }),
    /** Before a new start: forget the last problem, and the last progress too when `status` is set. */
    clear: ({ status: forgetStatus = false }: { status?: boolean } = {}) => {
      setProblem(null);
      if (forgetStatus) setStatus(null);
    },
  };
}
