import Link from "next/link";
import { auditLogFacets, listAuditEvents, parseAuditLogQuery, type AuditLogQuery } from "@/lib/event-log/list";
import { EVENT_GROUPS, EVENT_GROUP_NAMES, describeEvent, eventTitle, eventsInGroup } from "@/lib/event-log/event-wording";
import { inputClass } from "@/components/field";
import { formatDateTime } from "@/components/format";
import { sessionPage } from "@/lib/session/session-page";

export const metadata = { title: "Audit log" };

const ACTOR: Record<string, string> = { web: "dashboard", cli: "command line", system: "Keywarden" };

function href(q: AuditLogQuery, page: number): string {
  const sp = new URLSearchParams();
  if (q.key) sp.set("key", q.key);
  if (q.action) sp.set("action", q.action);
  if (page > 1) sp.set("page", String(page));
  const s = sp.toString();
  return s ? `/audit-log?${s}` : "/audit-log";
}

export default sessionPage(async ({ searchParams }) => {
  const q = parseAuditLogQuery(searchParams);
  const [log, facets] = await Promise.all([listAuditEvents(q), auditLogFacets()]);
  const inUse = new Set(facets.actions);
  const grouped = new Set(EVENT_GROUPS.flatMap((g) => eventsInGroup(g)));
  const other = facets.actions.filter((a) => !grouped.has(a));
  const filtered = !!(q.key || q.action);
  const link = "rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">Everything that changed, newest first. The log is append-only and never contains secrets.</p>
      <form method="get" role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="log-key" className="block text-sm font-medium">
            Key
          </label>
          <select id="log-key" name="key" defaultValue={q.key ?? ""} className={inputClass}>
            <option value="">All keys</option>
            {facets.keys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-action" className="block text-sm font-medium">
            What
          </label>
          <select id="log-action" name="action" defaultValue={q.action ?? ""} className={inputClass}>
            <option value="">Everything</option>
            {EVENT_GROUPS.map((g) => {
              const actions = eventsInGroup(g).filter((a) => inUse.has(a));
              if (!actions.length) return null;
              return (
                <optgroup key={g} label={EVENT_GROUP_NAMES[g]}>
                  <option value={g}>All: {EVENT_GROUP_NAMES[g]}</option>
                  {actions.map((a) => (
                    <option key={a} value={a}>
                      {eventTitle(a)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
            {other.length > 0 && (
              <optgroup label="Other">
                {other.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
          Apply
        </button>
        {filtered && (
          <Link href="/audit-log" className="py-2 text-sm text-sky-800 underline dark:text-sky-300">
            Show everything
          </Link>
        )}
      </form>
      <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {log.total === 0
          ? filtered
            ? "No events match these filters."
            : "No events yet."
          : `${log.total === 1 ? "1 event" : `${log.total} events`}${filtered ? " match" : ""}${log.pages > 1 ? ` · page ${log.page} of ${log.pages}` : ""}.`}
      </p>
      {log.events.length > 0 && (
        <ol
          aria-label="Events"
          className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
        >
          {log.events.map((e) => {
            const w = describeEvent(e.action, e.detail);
            return (
              <li key={e.id} className="grid gap-x-4 gap-y-0.5 px-3 py-2 text-sm sm:grid-cols-[10rem_1fr]">
                <div className="text-xs text-zinc-600 sm:text-sm dark:text-zinc-400">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  <span className="sm:block">
                    <span className="sm:hidden"> · </span>by {ACTOR[e.actor] ?? e.actor}
                  </span>
                </div>
                <div>
                  <p>
                    <span className="font-medium">{w.title}</span>
                    {e.keyLabel && (
                      <>
                        {" · "}
                        {e.keyId ? (
                          <Link href={`/keys/${e.keyId}`} className="text-sky-800 underline dark:text-sky-300">
                            {e.keyLabel}
                          </Link>
                        ) : (
                          e.keyLabel
                        )}
                      </>
                    )}
                  </p>
                  {w.text && <p className="text-zinc-700 dark:text-zinc-300">{w.text}</p>}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {log.pages > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {log.page > 1 ? (
            <Link href={href(q, log.page - 1)} className={link} rel="prev">
              ← Newer
            </Link>
          ) : null}
          <span aria-current="page">
            Page {log.page} of {log.pages}
          </span>
          {log.page < log.pages ? (
            <Link href={href(q, log.page + 1)} className={link} rel="next">
              Older →
            </Link>
          ) : null}
        </nav>
      )}
    </div>
  );
});
