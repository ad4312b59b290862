"use client";
// The message a form's redirect lands on ("Key added", "Changes saved"): focused on arrival, so keyboard and
// screen-reader users start at the outcome of what they just submitted rather than at the top of the page.
import { useEffect, useRef, type ReactNode } from "react";

export function FlashMessage({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} role="status" tabIndex={-1} className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
      {children}
    </p>
  );
}
