import "server-only";
import { setMaxListeners } from "node:events";
// Check many stored keys. Every key starts at once and the shared OKX client's per-UID limiter paces
// them: keys of one UID queue behind each other, different UIDs run in parallel. Each key's uid comes
// from its last check (lastUid), so after one run everything is paced in the right bucket.
import { recordEvent, type Actor } from "@/lib/event-log/record";
import { AppError, NotFoundError, VaultLockedError } from "@/lib/errors/app-error";
import { keyringState } from "@/lib/vault/keyring";
import { listCheckableKeyIds, loadManyKeyCredentials } from "@/lib/keys/credentials";
import type { OkxClient } from "@/lib/okx/client";
import { defaultOkxClient } from "@/lib/okx/default-client";
import { DEFAULT_IN_FLIGHT, Semaphore } from "@/lib/okx/semaphore";
import { CHECK_OUTCOMES, type CheckOutcome } from "@/lib/domain";
import { checkLoadedKey } from "./check-key";
import type { DiscoveryCache } from "@/lib/sub-accounts/discover-keys";

export interface CheckAllProgress {
  done: number;
  total: number;
  /** Label of the key that just finished. */
  current?: string;
  ok: number;
  /** Every key OKX did not answer "0" for, 50110 included (the CLI's "not ok"). */
  failed: number;
  /** Of `failed`: 50110, the key is bound to other IPs. Expected for a key bound to its bot's server. */
  ipBound: number;
  /** The keys behind `failed`, in the order they finished, so the page can name them. */
  notOk: { label: string | null; outcome: CheckOutcome | "skipped"; code: string }[];
}

export interface CheckAllOptions {
  keyIds?: string[];
  /** Max OKX requests in flight at once (default 100). Pacing per UID is separate. */
  concurrency?: number;
  onProgress?: (p: CheckAllProgress) => void;
  actor?: Actor;
  client?: OkxClient;
  signal?: AbortSignal;
}

export interface CheckAllResult {
  keyId: string;
  label: string | null;
  outcome: CheckOutcome | "skipped";
  code: string;
  /** Why a key was skipped (not found, secrets destroyed). */
  reason?: string;
}

export interface CheckAllSummary {
  total: number;
  ok: number;
  /** Everything that is not "ok", skipped keys included. */
  failed: number;
  byOutcome: Record<CheckOutcome | "skipped", number>;
  durationMs: number;
  results: CheckAllResult[];
}

const LOCK_POLL_MS = 250;

export async function checkAll(opts: CheckAllOptions = {}): Promise<CheckAllSummary> {
  const started = Date.now();
  const ids = [...new Set(opts.keyIds ?? (await listCheckableKeyIds()))];
  const client = opts.client ?? defaultOkxClient();
  const gate = new Semaphore(opts.concurrency ?? DEFAULT_IN_FLIGHT);
  // Master keys of one account discover its sub-accounts once per run instead of once per key.
  const discoveryCache: DiscoveryCache = new Map();
  // A locked vault mid-run stops everything still waiting; finished checks stay stored.
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  // Every key waiting on the limiter or in flight listens on this one signal, and each removes its listener
  // when done: many at once is the design, not a leak, so Node's default warning at 10 would only be noise.
  setMaxListeners(ids.length + 10, signal);
  const byOutcome = Object.fromEntries([...CHECK_OUTCOMES, "skipped"].map((o) => [o, 0])) as CheckAllSummary["byOutcome"];
  const progress: CheckAllProgress = { done: 0, total: ids.length, ok: 0, failed: 0, ipBound: 0, notOk: [] };
  opts.onProgress?.({ ...progress });

  const finish = (r: CheckAllResult): CheckAllResult => {
    byOutcome[r.outcome]++;
    progress.done++;
    if (r.outcome === "ok") progress.ok++;
    else {
      progress.failed++;
      if (r.outcome === "ip_blocked") progress.ipBound++;
      progress.notOk.push({ label: r.label, outcome: r.outcome, code: r.code });
    }
    progress.current = r.label ?? undefined;
    opts.onProgress?.({ ...progress });
    return r;
  };

  // Opened up front in two queries, so the first requests leave at once; a locked vault fails the run here.
  const credentials = await loadManyKeyCredentials(ids);

  let fatal: unknown;
  // Secrets opened at the start must not be used after a Lock (or the idle auto-lock): a run can last minutes
  // while keys wait on OKX's limits, so the vault is watched and the run stopped as soon as it locks.
  const lockWatch = setInterval(() => {
    // Only an actual lock counts (Lock button, auto-lock noticed elsewhere, restore): the run itself is the
    // user's work, so the idle timeout is not enforced from here (a CLI run may take longer than the idle limit).
    if (!keyringState().dataKey && !stop.signal.aborted) {
      fatal ??= new VaultLockedError();
      stop.abort(fatal);
    }
  }, LOCK_POLL_MS);

  const settled = await Promise.allSettled(
    ids.map(async (keyId): Promise<CheckAllResult> => {
      try {
        signal.throwIfAborted();
        const creds = credentials.get(keyId)!;
        if (creds instanceof AppError) return finish({ keyId, label: null, outcome: "skipped", code: "", reason: creds.userMessage });
        const dto = await checkLoadedKey(creds, { actor: opts.actor, client, signal, gate, discoveryCache });
        return finish({ keyId, label: creds.label, outcome: dto.outcome, code: dto.code });
      } catch (e) {
        // A key deleted while OKX was answering: nothing to store, the others go on.
        if (e instanceof NotFoundError && !stop.signal.aborted) return finish({ keyId, label: null, outcome: "skipped", code: "", reason: e.userMessage });
        // First fatal failure (vault locked, cancelled, DB error) stops the keys still queued.
        if (!stop.signal.aborted) {
          fatal = e;
          stop.abort(e);
        }
        throw e;
      }
    }),
  );
  clearInterval(lockWatch);
  if (fatal !== undefined) throw fatal;

  const results = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const summary: CheckAllSummary = {
    total: ids.length,
    ok: progress.ok,
    failed: progress.failed,
    byOutcome,
    durationMs: Date.now() - started,
    results,
  };
  await recordEvent({
    action: "key.check_all",
    actor: opts.actor ?? "web",
    detail: { total: summary.total, ok: summary.ok, failed: summary.failed, ipBound: progress.ipBound, durationMs: summary.durationMs },
  });
  return summary;
}
