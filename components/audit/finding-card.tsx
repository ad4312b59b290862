import Link from "next/link";
import type { Finding } from "@/lib/audit";
import { SeverityBadge } from "./badges";
import { formatDateTime } from "@/components/format";
import { fixStepLink } from "./fix-step-link";

export { findingIds } from "./finding-ids";

/**
 * rotationHref: the key's open rotation, which a "rotate" fix continues rather than starts.
 * fixOpen: whether "How to fix" starts open (default: on a key's own page, where the key is not shown).
 */
export function FindingCard({
  id,
  finding,
  keyLabel,
  showKey = false,
  fixOpen = !showKey,
  rotationHref,
}: {
  id: string;
  finding: Finding;
  keyLabel?: string;
  showKey?: boolean;
  fixOpen?: boolean;
  rotationHref?: string;
}) {
  // Most evidence texts already name their moment ("Check #12 at 2026-12-01 09:30 UTC…", "Created on 2026-05-16",
  // "deletion expected … 2026-12-16 17:20 UTC"): a time whose day the text already names is not repeated.
  const named = (d: Date) => finding.evidence.detail.includes(d.toISOString().slice(0, 10));
  const atSuffix = finding.evidence.at && !named(finding.evidence.at) ? ` (${formatDateTime(finding.evidence.at)})` : "";
  const dueSuffix = finding.dueAt && !named(finding.dueAt) ? ` · due ${formatDateTime(finding.dueAt)}` : "";
  return (
    <article className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900" aria-labelledby={id}>
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={finding.severity} />
        <h3 id={id} className="font-medium">
          {finding.title}
        </h3>
        {showKey && keyLabel && (
          <Link href={`/keys/${finding.keyId}`} className="ml-auto text-sm text-sky-800 underline dark:text-sky-300">
            {keyLabel}
          </Link>
        )}
      </div>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{finding.why}</p>
      <details className="mt-2 text-sm" open={fixOpen}>
        <summary className="cursor-pointer font-medium text-sky-800 dark:text-sky-300">How to fix</summary>
        <ol className="mt-1 list-decimal space-y-1 pl-5">
          {finding.fix.map((step, i) => {
            const action = finding.fixActions?.[i];
            const link = action ? fixStepLink(finding.keyId, action) : null;
            return (
              <li key={step}>
                {step}
                {link && (
                  <>
                    {" "}
                    <Link href={link.href} className="whitespace-nowrap font-medium text-sky-800 underline dark:text-sky-300">
                      {link.text} →
                    </Link>
                  </>
                )}
              </li>
            );
          })}
        </ol>
        {finding.action === "rotate" && (
          <Link
            href={rotationHref ?? `/keys/${finding.keyId}/rotate`}
            className="mt-2 inline-block rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
          >
            {rotationHref ? "Continue rotation" : "Start rotation"}
          </Link>
        )}
      </details>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
        Evidence: {finding.evidence.detail}
        {atSuffix}
        {dueSuffix}
      </p>
    </article>
  );
}
