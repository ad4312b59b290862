import Link from "next/link";
import { RULE_NAMES, SEVERITIES, findingsHref, parseFindingsQuery, type FindingsQuery, type RuleId } from "@/lib/audit";
import { loadFindings } from "@/lib/pages/findings-data";
import { GradeBadge, SeverityBadge } from "@/components/audit/badges";
import { FindingCard, findingIds } from "@/components/audit/finding-card";
import { rotationHref } from "@/components/rotation/rotation-tag";
import { sessionPage } from "@/lib/session/session-page";
import { Pager } from "@/components/pager";

// Filters and grouping start over at page 1: the page number of another view means nothing in this one.
const href = (q: FindingsQuery, change: Partial<FindingsQuery>) => findingsHref(q, { page: undefined, ...change });

export const metadata = { title: "Findings" };

const chip = "rounded-md border px-3 py-1.5 text-sm";
const chipOff = `${chip} border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800`;
const chipOn = `${chip} border-sky-700 bg-sky-50 font-medium text-sky-950 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100`;

export default sessionPage(async ({ searchParams }) => {
  const q = parseFindingsQuery(searchParams);
  const { view, byId } = await loadFindings(q);
  // A key in an open rotation: "rotate" fixes continue that rotation instead of starting another.
  const continueHref = (keyId: string) => {
    const r = byId.get(keyId)?.rotation;
    return r ? rotationHref(r) : undefined;
  };
  const shownWhat = q.severity || q.rule ? `${view.shown} ${q.severity ?? ""}${q.severity ? " " : ""}of ${view.total} findings` : `${view.total} findings`;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Findings</h1>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Every finding of every stored key, most dangerous first: {shownWhat} on {view.groupCount}{" "}
          {q.group === "rule" ? (view.groupCount === 1 ? "rule" : "rules") : view.groupCount === 1 ? "key" : "keys"}.
        </p>
      </div>
      {q.rule && (
        <p className="text-sm">
          Showing only “{RULE_NAMES[q.rule]}”.{" "}
          <Link href={href(q, { rule: undefined })} className="text-sky-800 underline dark:text-sky-300">
            ← Every rule
          </Link>
        </p>
      )}
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <nav aria-label="Group findings" className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-zinc-600 dark:text-zinc-400">Group by</span>
          {(["rule", "key"] as const).map((g) => (
            <Link
              key={g}
              href={href(q, { group: g, rule: undefined })}
              aria-current={q.group === g ? "page" : undefined}
              className={q.group === g ? chipOn : chipOff}
            >
              {g === "rule" ? "Rule" : "Key"}
            </Link>
          ))}
        </nav>
        <nav aria-label="Filter by severity" className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-zinc-600 dark:text-zinc-400">Severity</span>
          <Link href={href(q, { severity: undefined })} aria-current={!q.severity ? "page" : undefined} className={!q.severity ? chipOn : chipOff}>
            All ({view.total})
          </Link>
          {SEVERITIES.map((s) => (
            <Link key={s} href={href(q, { severity: s })} aria-current={q.severity === s ? "page" : undefined} className={q.severity === s ? chipOn : chipOff}>
              {s} ({view.counts[s]})
            </Link>
          ))}
        </nav>
      </div>
      {view.shown === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm dark:border-zinc-700">
          {view.total === 0
            ? "No findings: every key matches its purpose."
            : `No ${q.severity ? `${q.severity} ` : ""}findings${q.rule ? ` for “${RULE_NAMES[q.rule]}”` : ""}.`}{" "}
          {(q.severity || q.rule) && view.total > 0 && (
            <Link href={href(q, { severity: undefined, rule: undefined })} className="text-sky-800 underline dark:text-sky-300">
              Show all {view.total}
            </Link>
          )}
        </p>
      ) : (
        view.groups.map((g) => {
          const headingId = `group-${g.id}`;
          const key = q.group === "key" ? byId.get(g.id) : undefined;
          return (
            <section key={g.id} aria-labelledby={headingId} className="space-y-3">
              <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 pb-1 dark:border-zinc-800">
                {key && <GradeBadge grade={key.audit.grade} />}
                <h2 id={headingId} className="text-lg font-medium">
                  {key ? (
                    <Link href={`/keys/${key.key.id}`} className="text-sky-800 underline dark:text-sky-300">
                      {key.key.label}
                    </Link>
                  ) : (
                    RULE_NAMES[g.id as RuleId]
                  )}
                </h2>
                <span className="text-sm text-zinc-600 dark:text-zinc-400">
                  {g.count === 1 ? "1 finding" : `${g.count} findings`} · worst <SeverityBadge severity={g.worst} />
                </span>
              </div>
              {findingIds(g.findings).map((fid, i) => (
                <FindingCard
                  key={fid}
                  id={fid}
                  finding={g.findings[i]}
                  keyLabel={byId.get(g.findings[i].keyId)?.key.label}
                  showKey={q.group === "rule"}
                  fixOpen={false}
                  rotationHref={continueHref(g.findings[i].keyId)}
                />
              ))}
              {!q.rule && g.count > g.findings.length && (
                <Link href={href(q, { rule: g.id as RuleId })} className="inline-block text-sm text-sky-800 underline dark:text-sky-300">
                  Show all {g.count} “{RULE_NAMES[g.id as RuleId]}” findings
                </Link>
              )}
            </section>
          );
        })
      )}
      {view.pages > 1 && <Pager label="Findings pages" page={view.page} pages={view.pages} href={(page) => findingsHref(q, { page })} />}
    </div>
  );
});
