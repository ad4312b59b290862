import Link from "next/link";
import { listAuditEvents } from "@/lib/audit-log/list";
import { formatDateTime } from "@/components/format";
import { requirePageSession } from "@/lib/session/session";

export const metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  // Each page checks the session itself: Next renders layout and page in parallel, so the layout's
  // redirect alone would not stop this page's data from streaming into the response.
  await requirePageSession();
  const { before } = await searchParams;
  const events = await listAuditEvents({ take: 100, before: before ? Number(before) || undefined : undefined });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">Everything that changed, newest first. The log is append-only and never contains secrets.</p>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">When</th>
              <th scope="col" className="px-3 py-2 font-medium">What</th>
              <th scope="col" className="px-3 py-2 font-medium">Key</th>
              <th scope="col" className="px-3 py-2 font-medium">Details</th>
              <th scope="col" className="px-3 py-2 font-medium">By</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800">
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(e.at)}</td>
                <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                <td className="px-3 py-2">{e.keyId && e.keyLabel ? <Link href={`/keys/${e.keyId}`} className="text-sky-800 underline dark:text-sky-300">{e.keyLabel}</Link> : (e.keyLabel ?? "—")}</td>
                <td className="px-3 py-2 font-mono text-xs text-zinc-700 dark:text-zinc-300">{Object.keys(e.detail).length ? JSON.stringify(e.detail) : ""}</td>
                <td className="px-3 py-2">{e.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.length === 100 && <Link href={`/audit-log?before=${events[events.length - 1].id}`} className="text-sm text-sky-700 underline dark:text-sky-400">Older events →</Link>}
    </div>
  );
}
