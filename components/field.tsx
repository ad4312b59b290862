// A labelled form control with its error and warning announced to screen readers.
import type { ReactNode } from "react";

export function Field({
  id,
  label,
  hint,
  errors,
  warning,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  warning?: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <div id={`${id}-error`} aria-live="polite">
        {errors?.map((e) => (
          <p key={e} className="text-sm text-red-700 dark:text-red-400">
            {e}
          </p>
        ))}
        {!errors?.length && warning && <p className="text-sm text-amber-700 dark:text-amber-400">Warning: {warning}</p>}
      </div>
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 aria-[invalid=true]:border-red-600";
