// Severity, grade and permission badges. Colour is never the only signal: each badge carries its word.
import type { Grade, Severity } from "@/lib/audit";
import { permWord, type Perm } from "@/lib/domain";

const SEVERITY_CLASS: Record<Severity, string> = {
  critical: "bg-red-700 text-white",
  high: "bg-orange-200 text-orange-950 dark:bg-orange-900 dark:text-orange-100",
  medium: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-100",
  low: "bg-sky-100 text-sky-950 dark:bg-sky-900 dark:text-sky-100",
  info: "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-100",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${SEVERITY_CLASS[severity]}`}>{severity}</span>;
}

const GRADE_CLASS: Record<Grade, string> = {
  A: "bg-emerald-700 text-white",
  B: "bg-lime-700 text-white",
  C: "bg-amber-500 text-zinc-950",
  D: "bg-orange-600 text-white",
  F: "bg-red-700 text-white",
  "?": "border-2 border-dashed border-zinc-500 bg-white text-zinc-800 dark:border-zinc-400 dark:bg-zinc-900 dark:text-zinc-100",
};

/** "?" reads as "Grade unknown" to a screen reader and explains itself on hover: OKX has not verified the key. */
export function GradeBadge({ grade, size = "sm" }: { grade: Grade; size?: "sm" | "lg" }) {
  const dims = size === "lg" ? "h-14 w-14 text-3xl" : "h-7 w-7 text-sm";
  const unknown = grade === "?";
  return (
    <span
      role="img"
      aria-label={unknown ? "Grade unknown: not verified with OKX yet" : `Grade ${grade}`}
      title={unknown ? "Unknown: OKX has not yet said what this key can do" : undefined}
      className={`inline-flex items-center justify-center rounded-md font-bold ${dims} ${GRADE_CLASS[grade]}`}
    >
      {grade}
    </span>
  );
}

const PERM_CLASS: Record<Perm, string> = {
  read_only: "border-zinc-400 text-zinc-800 dark:border-zinc-500 dark:text-zinc-200",
  trade: "border-sky-600 text-sky-900 dark:border-sky-400 dark:text-sky-200",
  withdraw: "border-red-600 text-red-800 dark:border-red-400 dark:text-red-300",
};

export function PermBadges({ perm }: { perm: Perm[] | null }) {
  if (!perm) return <span className="text-xs text-zinc-600 dark:text-zinc-400">unknown</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {perm.map((p) => (
        <span key={p} className={`rounded border px-1.5 text-xs ${PERM_CLASS[p]}`}>
          {permWord(p).toLowerCase()}
        </span>
      ))}
    </span>
  );
}
