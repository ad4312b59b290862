// The wizard's progress: an ordered list, the current step marked with aria-current="step".
import type { RotationStepDto } from "@/lib/rotation/rotation-view";

const DOT: Record<RotationStepDto["status"], string> = {
  done: "bg-emerald-600 text-white dark:bg-emerald-500 dark:text-zinc-950",
  current: "bg-sky-700 text-white ring-2 ring-sky-300 dark:bg-sky-500 dark:text-zinc-950 dark:ring-sky-800",
  upcoming: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

export function RotationStepList({ steps }: { steps: RotationStepDto[] }) {
  return (
    <ol
      aria-label="Rotation steps"
      className="flex flex-wrap gap-x-6 gap-y-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      {steps.map((s, i) => (
        <li key={s.id} aria-current={s.status === "current" ? "step" : undefined} className="flex items-center gap-2">
          <span aria-hidden="true" className={`inline-flex h-6 w-6 items-center justify-center rounded-full text-xs font-semibold ${DOT[s.status]}`}>
            {s.status === "done" ? "✓" : i + 1}
          </span>
          <span
            className={s.status === "current" ? "font-semibold" : s.status === "done" ? "text-zinc-700 dark:text-zinc-300" : "text-zinc-600 dark:text-zinc-400"}
          >
            {s.title}
            <span className="sr-only"> ({s.status === "done" ? "done" : s.status === "current" ? "current step" : "not yet"})</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
