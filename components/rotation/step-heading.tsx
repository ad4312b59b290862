"use client";
// The current wizard step's heading. When a step finishes the page re-renders in place, so keyboard and screen
// reader users would stay on a button that may no longer exist: focus moves to the new step's heading instead.
import { useEffect, useRef } from "react";

export function StepHeading({ id, focusKey, children }: { id: string; focusKey: string; children: React.ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // Also on load: a wizard reopened (or reloaded) mid-way starts where it stands.
  useEffect(() => ref.current?.focus(), [focusKey]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="text-lg font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500">
      {children}
    </h2>
  );
}
