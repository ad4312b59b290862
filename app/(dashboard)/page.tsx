import Link from "next/link";
import { loadOverview } from "@/lib/pages/overview-data";
import type { VaultReport } from "@/lib/reports/vault-report";
import { SEVERITIES } from "@/lib/audit";
import { unverifiedNote } from "@/lib/export/audit-markdown";
import { GradeBadge, SeverityBadge } from "@/components/audit/badges";
import { FindingCard, findingIds } from "@/components/audit/finding-card";
import { AGE_CHART_MAX_KEYS, AgeChart } from "@/components/audit/age-chart";
import { CheckAllButton } from "@/components/audit/check-all-button";
import { startCheckJobAction } from "@/app/(dashboard)/checks/actions";
import { formatDateTime } from "@/components/format";
import { sessionPage } from "@/lib/session/session-page";
import { rotationHref, rotationTagText } from "@/components/rotation/rotation-tag";

export const metadata = { title: "Overview" };

// The side lists show the most urgent few; the keys table has them all (a fund may have hundreds due).
const LIST_LIMIT = 10;
const TOP_SHOWN = 8;

function MoreLink({ total, href, what }: { total: number; href: string; what: string }) {
  if (total <= LIST_LIMIT) return null;
  return (
    <Link href={href} className="text-sm text-sky-800 underline dark:text-sky-300">
      {total - LIST_LIMIT} more {what} →
    </Link>
  );
}

export default sessionPage(async () => {
  const { report, rotating, neverChecked, due, deletions } = await loadOverview();
  const { vault, keys, policy } = report;
  const labelOf = new Map(keys.map((k) => [k.key.id, k.key.label]));
  const rotationOf = new Map(keys.flatMap((k) => (k.rotation ? [[k.key.id, k.rotation] as const] : [])));
  if (keys.length === 0) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Overview</h1>
        <div className="rounded-lg border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
          <h2 className="text-lg font-medium">Start with your first key</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-zinc-700 dark:text-zinc-300">
            Add an OKX API key and Keywarden will tell you how old it is, what it can do, and what to fix.
          </p>
          <Link href="/keys/new" className="mt-4 inline-block rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white">
            Add a key
          </Link>
        </div>
      </div>
    );
  }
  const now = report.generatedAt.getTime();
  // The findings page lists every finding (info included); the overview only the most urgent few.
  const findingTotal = SEVERITIES.reduce((n, s) => n + vault.posture.counts[s], 0);
  const shownTop = Math.min(TOP_SHOWN, vault.topFindings.length);

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold">Overview</h1>
        <div className="flex flex-wrap items-start gap-3">
          <nav aria-label="Export the audit" className="flex items-center gap-2 pt-2 text-sm">
            <span className="text-zinc-600 dark:text-zinc-400">Report:</span>
            <a href="/api/export?format=md" download className="text-sky-800 underline dark:text-sky-300">
              Markdown
            </a>
            <a href="/api/export?format=csv" download className="text-sky-800 underline dark:text-sky-300">
              CSV
            </a>
            <a href="/api/export?format=json" download className="text-sky-800 underline dark:text-sky-300">
              JSON
            </a>
          </nav>
          <CheckAllButton startJob={startCheckJobAction} />
        </div>
      </div>

      <section aria-labelledby="posture" className="grid gap-4 sm:grid-cols-[auto_1fr]">
        <div className="flex items-center gap-4 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <GradeBadge grade={vault.posture.grade} size="lg" />
          <div>
            <h2 id="posture" className="text-sm text-zinc-600 dark:text-zinc-400">
              Posture
            </h2>
            {vault.posture.score === null ? (
              <p className="text-3xl font-semibold">unknown</p>
            ) : (
              <p className="text-3xl font-semibold">
                {vault.posture.score}
                <span className="text-base text-zinc-600 dark:text-zinc-400">/100</span>
              </p>
            )}
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {keys.length} keys · audited {formatDateTime(report.generatedAt)}
            </p>
            {report.unmanaged.length > 0 && (
              <p data-testid="posture-scope" className="mt-1 max-w-xs text-xs text-zinc-700 dark:text-zinc-300">
                Stored keys only: the {report.unmanaged.length} unmanaged {report.unmanaged.length === 1 ? "key" : "keys"} on OKX below{" "}
                {report.unmanaged.length === 1 ? "is" : "are"} counted apart.
              </p>
            )}
            {vault.posture.unverified > 0 && (
              <p data-testid="posture-unverified" className="mt-1 max-w-xs text-xs text-zinc-700 dark:text-zinc-300">
                {unverifiedNote(vault.posture.unverified)}
              </p>
            )}
          </div>
        </div>
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-5" aria-label="Findings by severity">
          {SEVERITIES.map((s) => (
            <li key={s} className="flex flex-col items-start gap-1 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
              <SeverityBadge severity={s} />
              <span className="text-2xl font-semibold">{vault.posture.counts[s]}</span>
            </li>
          ))}
        </ul>
      </section>

      {report.unmanaged.length > 0 && <UnmanagedPanel report={report} />}

      {neverChecked > 0 && (
        <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:bg-sky-950 dark:text-sky-100">
          {neverChecked === 1 ? "1 key has" : `${neverChecked} keys have`} never been checked with OKX. Use “Check all keys” to learn what they can really do.
        </p>
      )}

      {rotating.length > 0 && (
        <section aria-labelledby="rotations" className="space-y-2">
          <h2 id="rotations" className="text-lg font-medium">
            Rotations in progress
          </h2>
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {rotating.slice(0, LIST_LIMIT).map(({ key, rotation }) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <span>
                  <Link href={`/keys/${key.id}`} className="text-sky-800 underline dark:text-sky-300">
                    {key.label}
                  </Link>
                  {rotation!.otherKeyId && rotation!.otherKeyLabel ? (
                    <>
                      {" "}
                      →{" "}
                      <Link href={`/keys/${rotation!.otherKeyId}`} className="text-sky-800 underline dark:text-sky-300">
                        {rotation!.otherKeyLabel}
                      </Link>
                    </>
                  ) : null}
                  <span className="text-zinc-700 dark:text-zinc-300"> · {rotation!.stateText}</span>
                </span>
                <Link href={rotationHref(rotation!)} className="text-sky-800 underline dark:text-sky-300">
                  Continue rotation<span className="sr-only"> of {key.label}</span>
                </Link>
              </li>
            ))}
          </ul>
          {rotating.some((k) => k.rotation!.awaitingVerify && k.rotation!.otherKeyId) && (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              A new key not verified yet is not counted in the posture: its findings wait for the rotation’s verify step.
            </p>
          )}
          <MoreLink total={rotating.length} href="/keys" what="rotations" />
        </section>
      )}

      <section aria-labelledby="top" className="space-y-3">
        <h2 id="top" className="text-lg font-medium">
          Fix these first
        </h2>
        {vault.topFindings.length === 0 ? (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">Nothing urgent. Every key matches its purpose.</p>
        ) : (
          <div className="space-y-3">
            {findingIds(vault.topFindings.slice(0, TOP_SHOWN)).map((fid, i) => (
              <FindingCard
                key={fid}
                id={fid}
                finding={vault.topFindings[i]}
                keyLabel={labelOf.get(vault.topFindings[i].keyId)}
                showKey
                rotationHref={rotationOf.has(vault.topFindings[i].keyId) ? rotationHref(rotationOf.get(vault.topFindings[i].keyId)!) : undefined}
              />
            ))}
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              {shownTop < findingTotal ? `The ${shownTop} most urgent of ${findingTotal} findings. ` : ""}
              <Link href="/findings" className="text-sky-800 underline dark:text-sky-300">
                {findingTotal === 1 ? "The finding" : `All ${findingTotal} findings`}, by rule or by key →
              </Link>
            </p>
          </div>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="deletion" className="space-y-2">
          <h2 id="deletion" className="text-lg font-medium">
            OKX 14-day deletion countdown
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            Live keys that can trade or withdraw and are not bound to an IP are deleted by OKX after 14 days without use. OKX does not report use, so each
            countdown runs from the last use you entered on the key&apos;s page, else from its created-on date; Keywarden&apos;s checks do not reset it.
          </p>
          {deletions.length === 0 ? (
            <p className="text-sm">No key is at risk.</p>
          ) : (
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {deletions.slice(0, LIST_LIMIT).map((k) => {
                const days = Math.floor((k.dueAt.getTime() - now) / 86_400_000);
                return (
                  <li key={k.key.id} className="flex items-center justify-between px-3 py-2 text-sm">
                    <Link href={`/keys/${k.key.id}`} className="text-sky-800 underline dark:text-sky-300">
                      {k.key.label}
                    </Link>
                    <span className="text-right">
                      <span className={days <= policy.deletionCriticalDays && !k.answeredAfter ? "font-semibold text-red-700 dark:text-red-400" : ""}>
                        {k.dueAt.getTime() <= now
                          ? k.answeredAfter
                            ? "date unknown: OKX answered after it"
                            : "past the date: deleted if unused"
                          : `${days < 1 ? "less than a day" : days === 1 ? "1 day" : `${days} days`} left (${k.dueAt.toISOString().slice(0, 10)})`}
                      </span>
                      {k.from && (
                        <span className="block text-xs text-zinc-600 dark:text-zinc-400">no use recorded since {k.from.toISOString().slice(0, 10)}</span>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          <MoreLink total={deletions.length} href="/keys?sort=grade" what="keys at risk" />
        </section>
        <section aria-labelledby="due" className="space-y-2">
          <h2 id="due" className="text-lg font-medium">
            Due for rotation
          </h2>
          {due.length === 0 ? (
            <p className="text-sm">No key is older than {policy.ageDueDays} days.</p>
          ) : (
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {due.slice(0, LIST_LIMIT).map((k) => (
                <li key={k.key.id} className="flex items-center justify-between px-3 py-2 text-sm">
                  <Link href={`/keys/${k.key.id}`} className="text-sky-800 underline dark:text-sky-300">
                    {k.key.label}
                  </Link>
                  <span>
                    {k.audit.ageDays} days old{k.audit.ageDays >= policy.ageOverdueDays ? " · overdue" : ""}
                    {k.rotation ? ` · ${rotationTagText(k.rotation)}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <MoreLink total={due.length} href="/keys?sort=age&dir=desc" what="keys due" />
        </section>
      </div>

      <section aria-labelledby="ages" className="space-y-2">
        <h2 id="ages" className="text-lg font-medium">
          Key ages
        </h2>
        <AgeChart keys={keys.map((k) => ({ label: k.key.label, ageDays: k.audit.ageDays }))} policy={policy} />
        {keys.length > AGE_CHART_MAX_KEYS && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The {AGE_CHART_MAX_KEYS} oldest of {keys.length} keys.{" "}
            <Link href="/keys" className="underline">
              Keys
            </Link>{" "}
            sorts them all by age.
          </p>
        )}
      </section>
    </div>
  );
});

/** Keys OKX lists under a stored master key that Keywarden does not hold: their own counts, never mixed into the posture's. */
function UnmanagedPanel({ report }: { report: VaultReport }) {
  const list = [...report.unmanaged].sort((a, b) => b.audit.findings.length - a.audit.findings.length || a.key.name.localeCompare(b.key.name));
  return (
    <section aria-labelledby="unmanaged" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/40">
      <h2 id="unmanaged" className="text-lg font-medium">
        Keys on OKX that Keywarden doesn&apos;t hold
      </h2>
      <p className="text-sm text-amber-950 dark:text-amber-100">
        Your master keys list {list.length === 1 ? "1 sub-account key" : `${list.length} sub-account keys`} that {list.length === 1 ? "is" : "are"} not in
        Keywarden. Audited from that listing alone (
        {SEVERITIES.filter((s) => report.unmanagedCounts[s] > 0)
          .map((s) => `${report.unmanagedCounts[s]} ${s}`)
          .join(", ") || "no findings"}
        ); not counted in the posture above. Adopt the ones still in use, delete the rest on OKX.
      </p>
      <ul className="divide-y divide-amber-200 text-sm dark:divide-amber-900">
        {list.slice(0, LIST_LIMIT).map(({ key, audit }) => (
          <li key={key.id} className="flex flex-wrap items-center gap-2 py-1.5">
            <GradeBadge grade={audit.grade} />
            <Link href={`/keys/unmanaged/${key.id}`} className="font-medium text-sky-800 underline dark:text-sky-300">
              {key.name}
            </Link>
            <span className="text-zinc-700 dark:text-zinc-300">
              {key.subAcct} · via {key.masterLabel} · {key.perm.join(", ") || "no permissions listed"} · {audit.ageDays} days old
            </span>
          </li>
        ))}
      </ul>
      <Link href="/keys?kind=unmanaged" className="text-sm text-sky-800 underline dark:text-sky-300">
        All unmanaged keys in the keys table →
      </Link>
    </section>
  );
}
