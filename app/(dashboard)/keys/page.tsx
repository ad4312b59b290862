import Link from "next/link";
import { loadKeysTable } from "@/lib/pages/keys-data";
import { PURPOSE_LABELS, PURPOSES } from "@/lib/domain";
import { IP_BINDING_WORDS } from "@/lib/audit";
import { GradeBadge, PermBadges } from "@/components/audit/badges";
import { CheckAllButton } from "@/components/audit/check-all-button";
import { startCheckJobAction } from "@/app/(dashboard)/checks/actions";
import { inputClass } from "@/components/field";
import { relativeDays } from "@/components/format";
import { applyTableQuery, pageOf, parseTableQuery, tableHref, tableRows, type SortKey, type TableQuery, type TableRow } from "./key-table-query";
import { sessionPage } from "@/lib/session/session-page";
import { RotationTag } from "@/components/rotation/rotation-tag";
import { Pager } from "@/components/pager";

export const metadata = { title: "Keys" };

// On a phone the table scrolls sideways; the label stays pinned at the left so every row still says which key it is.
const STICKY = "sticky left-0 z-10 bg-white dark:bg-zinc-900";

function SortHeader({ k, label, q, className = "" }: { k: SortKey; label: string; q: TableQuery; className?: string }) {
  const active = q.sort === k;
  const dir = active && q.dir === "desc" ? "asc" : active ? "desc" : k === "label" || k === "purpose" ? "asc" : "desc";
  return (
    <th scope="col" aria-sort={active ? (q.dir === "asc" ? "ascending" : "descending") : "none"} className={`px-3 py-2 font-medium ${className}`}>
      <Link href={tableHref(q, { sort: k, dir, page: 1 })} className="hover:underline">
        {label}
        {active ? (q.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

export default sessionPage(async ({ searchParams }) => {
  const sp = searchParams;
  const q = parseTableQuery(sp);
  const report = await loadKeysTable();
  const all = tableRows(report);
  const matching = applyTableQuery(all, q);
  const view = pageOf(matching, q);
  const total = all.length;
  const unmanagedCount = report.unmanaged.length;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold">Keys</h1>
        <Link href="/keys/new" className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800">
          Add key
        </Link>
      </div>
      {sp.deleted && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          The key was deleted from Keywarden. Remember to delete it on okx.com too if it is no longer used.
        </p>
      )}
      {sp.deletedOnOkx && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          The key was deleted on OKX: its master key&apos;s listing no longer shows it.
        </p>
      )}
      {unmanagedCount > 0 && (
        <p data-testid="unmanaged-note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          {unmanagedCount === 1 ? "1 key" : `${unmanagedCount} keys`} on OKX {unmanagedCount === 1 ? "is" : "are"} not in Keywarden (listed by your master keys,
          marked <em>unmanaged</em>): adopt or delete {unmanagedCount === 1 ? "it" : "them"}.{" "}
          {q.kind !== "unmanaged" && (
            <Link href={tableHref(q, { kind: "unmanaged", page: 1 })} className="underline">
              Show only unmanaged keys
            </Link>
          )}
        </p>
      )}
      {total === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
          <h2 className="text-lg font-medium">No keys yet</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-zinc-700 dark:text-zinc-300">
            Add each OKX API key you use — one per bot, tracker or tool. Keywarden then checks with OKX what each can really do.
          </p>
          <Link href="/keys/new" className="mt-4 inline-block rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white">
            Add your first key
          </Link>
        </div>
      ) : (
        <>
          <form method="get" role="search" className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="q" className="block text-sm font-medium">
                Search
              </label>
              <input id="q" name="q" type="search" defaultValue={q.q} placeholder="label, fingerprint, app" className={inputClass} />
            </div>
            <div>
              <label htmlFor="grade" className="block text-sm font-medium">
                Grade
              </label>
              <select id="grade" name="grade" defaultValue={q.grade} className={inputClass}>
                <option value="">All</option>
                {["A", "B", "C", "D", "F"].map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
                <option value="?">? (not verified)</option>
              </select>
            </div>
            <div>
              <label htmlFor="purpose-filter" className="block text-sm font-medium">
                Purpose
              </label>
              <select id="purpose-filter" name="purpose" defaultValue={q.purpose} className={inputClass}>
                <option value="">All</option>
                {PURPOSES.map((p) => (
                  <option key={p} value={p}>
                    {PURPOSE_LABELS[p]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="kind-filter" className="block text-sm font-medium">
                Held by
              </label>
              <select id="kind-filter" name="kind" defaultValue={q.kind} className={inputClass}>
                <option value="">All keys</option>
                <option value="stored">Keywarden (stored)</option>
                <option value="unmanaged">Only on OKX (unmanaged)</option>
              </select>
            </div>
            <input type="hidden" name="sort" value={q.sort} />
            <input type="hidden" name="dir" value={q.dir} />
            <button type="submit" className="rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
              Apply
            </button>
          </form>
          {/* The selection's action sits with the table it acts on, not among the filters. */}
          <div className="flex flex-wrap items-end justify-between gap-3">
            <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
              {view.pages > 1
                ? `Showing ${view.from}–${view.to} of ${matching.length} matching keys (${total} in all).`
                : `Showing ${matching.length} of ${total} keys.`}
              {unmanagedCount > 0 && ` ${total - unmanagedCount} stored, ${unmanagedCount} unmanaged.`}
              <span className="sm:hidden"> Scroll the table sideways for more columns →</span>
            </p>
            <CheckAllButton startJob={startCheckJobAction} formId="key-selection" label="Check selected" />
          </div>
          <form
            id="key-selection"
            aria-label="Keys"
            className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Stored and unmanaged keys with their audit grade</caption>
              <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Select</span>
                  </th>
                  <SortHeader k="label" label="Label" q={q} className={STICKY} />
                  <SortHeader k="grade" label="Grade" q={q} />
                  <th scope="col" className="px-3 py-2 font-medium">
                    Permissions
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    IP bound
                  </th>
                  <SortHeader k="purpose" label="Purpose" q={q} />
                  <th scope="col" className="px-3 py-2 font-medium">
                    Fingerprint
                  </th>
                  <SortHeader k="age" label="Age" q={q} />
                  <SortHeader k="lastCheck" label="Last check" q={q} />
                </tr>
              </thead>
              <tbody>{view.rows.map((row) => (row.kind === "stored" ? <StoredRow key={row.id} row={row} /> : <UnmanagedRow key={row.id} row={row} />))}</tbody>
            </table>
          </form>
          {view.pages > 1 && <Pager page={view.page} pages={view.pages} href={(page) => tableHref(q, { page })} />}
        </>
      )}
    </div>
  );
});

function IpCell({ row }: { row: TableRow }) {
  const { audit } = row;
  return (
    <td className="px-3 py-2">
      {audit.ipBinding === "none" ? (
        <span className="font-medium text-orange-800 dark:text-orange-300">no</span>
      ) : audit.ipBinding === "bound" && audit.currentIp ? (
        `yes (${audit.currentIp.length})`
      ) : (
        IP_BINDING_WORDS[audit.ipBinding]
      )}
    </td>
  );
}

function StoredRow({ row }: { row: Extract<TableRow, { kind: "stored" }> }) {
  const { key, audit, rotation } = row.stored;
  return (
    <tr className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
      <td className="px-3 py-2">
        <input type="checkbox" name="keyId" value={key.id} aria-label={`Select ${key.label}`} className="h-4 w-4" />
      </td>
      <td className={`px-3 py-2 ${STICKY}`}>
        <Link href={`/keys/${key.id}`} className="font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
          {key.label}
        </Link>
        {rotation && <RotationTag rotation={rotation} />}
        {key.demo && <span className="ml-2 rounded bg-violet-100 px-1.5 text-xs text-violet-900 dark:bg-violet-900 dark:text-violet-100">demo</span>}
      </td>
      <td className="px-3 py-2">
        {rotation?.role === "new" && rotation.awaitingVerify ? (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">after verify</span>
        ) : (
          <GradeBadge grade={audit.grade} />
        )}
      </td>
      <td className="px-3 py-2">
        <PermBadges perm={audit.currentPerm} />
      </td>
      <IpCell row={row} />
      <td className="px-3 py-2">{key.purpose}</td>
      <td className="px-3 py-2 font-mono">{key.fingerprint}</td>
      <td className="whitespace-nowrap px-3 py-2">{audit.ageDays} d</td>
      <td className="px-3 py-2">
        {audit.latestCheck
          ? `${relativeDays(audit.latestCheck.at)}${audit.latestCheck.code !== "0" ? ` (${audit.latestCheck.code || "no answer"})` : ""}`
          : "never"}
      </td>
    </tr>
  );
}

/** Not selectable for checks (Keywarden holds no secret to check it with); its page offers Adopt and Delete on OKX. */
function UnmanagedRow({ row }: { row: Extract<TableRow, { kind: "unmanaged" }> }) {
  const { key, audit } = row.unmanaged;
  return (
    <tr data-testid="unmanaged-row" className="border-b border-zinc-100 bg-amber-50/40 last:border-0 dark:border-zinc-800 dark:bg-amber-950/20">
      <td className="px-3 py-2">
        <span className="sr-only">Not selectable: unmanaged</span>
      </td>
      <td className={`px-3 py-2 ${STICKY}`}>
        <Link href={`/keys/unmanaged/${key.id}`} className="font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
          {key.name}
        </Link>
        <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-950 dark:bg-amber-900 dark:text-amber-50">unmanaged</span>
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">
          {key.subAcct} · via {key.masterLabel}
        </span>
      </td>
      <td className="px-3 py-2">
        <GradeBadge grade={audit.grade} />
      </td>
      <td className="px-3 py-2">
        <PermBadges perm={audit.currentPerm} />
      </td>
      <IpCell row={row} />
      <td className="px-3 py-2 text-zinc-600 dark:text-zinc-400">unknown</td>
      <td className="px-3 py-2 font-mono">{key.fingerprint}</td>
      <td className="whitespace-nowrap px-3 py-2">{audit.ageDays} d</td>
      <td className="px-3 py-2">listed {relativeDays(key.seenAt)}</td>
    </tr>
  );
}
