import type { FormState } from "@/lib/session/form-state";
import { UnlockLink } from "./unlock-link";

// data-form-message and tabIndex let useActionForm move focus here after a submit that has no invalid field.
export function FormMessage({ state }: { state: FormState }) {
  return (
    <div aria-live="polite" role="status">
      {state.message && (
        <p
          data-form-message
          tabIndex={-1}
          className={`rounded-md px-3 py-2 text-sm ${state.ok ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200"}`}
        >
          {state.message}
          {state.locked && (
            <>
              {" "}
              <UnlockLink />
            </>
          )}
        </p>
      )}
    </div>
  );
}
