// Labels for a key that takes part in an open rotation: a short tag for lists and tables, a banner for key pages.
import Link from "next/link";
import type { KeyRotationRef } from "@/lib/reports/report-rows";

export function rotationHref(r: KeyRotationRef): string {
  return `/keys/${r.oldKeyId}/rotate?r=${r.rotationId}`;
}

export function rotationTagText(r: KeyRotationRef): string {
  if (r.role === "old") return "being rotated";
  return r.awaitingVerify ? "new key, not verified yet" : "new key, rotation open";
}

export function RotationTag({ rotation }: { rotation: KeyRotationRef }) {
  return (
    <span className="ml-2 inline-block rounded bg-sky-100 px-1.5 text-xs font-medium whitespace-nowrap text-sky-950 dark:bg-sky-900 dark:text-sky-100">
      {rotationTagText(rotation)}
    </span>
  );
}

export function RotationBanner({ rotation }: { rotation: KeyRotationRef }) {
  const other =
    rotation.otherKeyId && rotation.otherKeyLabel ? (
      <Link href={`/keys/${rotation.otherKeyId}`} className="underline">
        “{rotation.otherKeyLabel}”
      </Link>
    ) : null;
  return (
    <div
      role="note"
      aria-label="Rotation in progress"
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      <p>
        {rotation.role === "old" ? (
          <>
            Rotation in progress: this key is being replaced{other ? <> by {other}</> : ""} ({rotation.stateText}). It keeps working until the rotation deletes
            it.
          </>
        ) : rotation.awaitingVerify ? (
          <>
            New key of an open rotation replacing {other ?? "another key"} ({rotation.stateText}). No consumer uses it yet: its findings wait for the rotation’s
            verify step.
          </>
        ) : (
          <>
            New key of an open rotation replacing {other ?? "another key"} ({rotation.stateText}).
          </>
        )}
      </p>
      <Link href={rotationHref(rotation)} className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800">
        Continue rotation
      </Link>
    </div>
  );
}
