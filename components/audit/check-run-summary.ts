// The words under "Check all keys" (pure, unit-tested). 50110 means the key is bound to other IPs: OKX knows it,
// and for a key bound to its bot's server that is the expected answer from this machine, so it is not a failure.
export interface CheckRunStatus {
  done: number;
  total: number;
  ok: number;
  failed: number;
  ipBound?: number;
  notOk?: { label: string | null; outcome: string; code: string }[];
  current?: string;
  finished: boolean;
  error?: string;
}

const NAMES_SHOWN = 5;

function names(list: string[]): string {
  const shown = list.slice(0, NAMES_SHOWN).join(", ");
  return list.length > NAMES_SHOWN ? `${shown} and ${list.length - NAMES_SHOWN} more` : shown;
}

export function checkRunSummary(s: CheckRunStatus): string {
  const ipBound = s.ipBound ?? 0;
  const failed = s.failed - ipBound;
  const notOk = s.notOk ?? [];
  const bound = notOk.filter((n) => n.outcome === "ip_blocked").map((n) => n.label ?? "a key");
  const bad = notOk
    .filter((n) => n.outcome !== "ip_blocked")
    .map((n) => `${n.label ?? "a deleted key"}${n.code ? ` (${n.code})` : n.outcome === "skipped" ? " (skipped)" : " (no answer)"}`);
  const parts = [`${s.ok} answered`];
  if (ipBound) parts.push(`${ipBound} bound to other IPs (50110, expected)`);
  parts.push(`${failed} failed`);
  if (!s.finished) return `${s.done} of ${s.total} checked${s.current ? ` (last: ${s.current})` : ""} · ${parts.join(", ")}`;
  const out = [`Done: ${parts.join(", ")}.`];
  if (bound.length) out.push(`Bound to other IPs: ${names(bound)}.`);
  if (bad.length) out.push(`Failed: ${names(bad)}.`);
  if (s.error) out.push(s.error);
  return out.join(" ");
}
