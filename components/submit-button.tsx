"use client";
import { useFormStatus } from "react-dom";

export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: "primary" | "danger";
}) {
  const { pending } = useFormStatus();
  const colors = variant === "danger" ? "bg-red-700 hover:bg-red-800 text-white" : "bg-sky-700 hover:bg-sky-800 text-white";
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex items-center rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${colors}`}
    >
      {pending ? (pendingText ?? "Working…") : children}
    </button>
  );
}
