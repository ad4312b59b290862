import Link from "next/link";
import { loadConsumers } from "@/lib/pages/consumer-data";
import { consumerHref } from "@/lib/consumers/consumer-identity";
import { ageDays } from "@/components/format";
import { TopPermBadge } from "@/components/consumers/perm-word-badge";
import { sessionPage } from "@/lib/session/session-page";
import { TableHead } from "@/components/table-head";

export const metadata = { title: "Consumers" };

export default sessionPage(async () => {
  const consumers = await loadConsumers();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Consumers</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300">
          The apps your keys are given to, across all keys: typed in on a key&apos;s page, or found in files by the scan. One consumer is one app name on one
          host (case and spacing ignored), so the same app on two machines is listed twice. If an app is compromised, open it and click “This app was
          compromised”.
        </p>
      </div>
      {consumers.length === 0 ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          No key names a consumer yet. Add them on a key&apos;s page (Edit details → Used by), or run Settings → Scan.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Consumers and the keys they hold</caption>
            <TableHead columns={["Name", "Host", "Keys", "Most dangerous permission", "Oldest rotation"]} />
            <tbody>
              {consumers.map((c) => (
                <tr key={c.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                  <th scope="row" className="px-3 py-2 font-normal">
                    <Link href={consumerHref(c.id)} className="text-sky-700 underline dark:text-sky-400">
                      {c.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2">{c.host ?? <span className="text-zinc-600 dark:text-zinc-400">—</span>}</td>
                  <td className="px-3 py-2">{c.keys.length}</td>
                  <td className="px-3 py-2">
                    <TopPermBadge perm={c.topPerm} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{c.oldestRotation ? `${c.oldestRotation} (${ageDays(c.oldestRotation)} days)` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
});
