import Link from "next/link";
import { listKeys } from "@/lib/keys/key-store";
import { PURPOSE_LABELS } from "@/lib/keys/key-schema";
import { ageDays, relativeDays } from "@/components/format";

export const metadata = { title: "Keys" };

export default async function KeysPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const keys = await listKeys();
  const { deleted } = await searchParams;
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Keys</h1>
        <Link href="/keys/new" className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800">Add key</Link>
      </div>
      {deleted && <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">The key was deleted from Keywarden. Remember to delete it on okx.com too if it is no longer used.</p>}
      {keys.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
          <h2 className="text-lg font-medium">No keys yet</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-zinc-700 dark:text-zinc-300">
            Add each OKX API key you use — one per bot, tracker or tool. Keywarden then checks with OKX what each can really do.
          </p>
          <Link href="/keys/new" className="mt-4 inline-block rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white">Add your first key</Link>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Label</th>
                <th scope="col" className="px-3 py-2 font-medium">Fingerprint</th>
                <th scope="col" className="px-3 py-2 font-medium">Purpose</th>
                <th scope="col" className="px-3 py-2 font-medium">Age</th>
                <th scope="col" className="px-3 py-2 font-medium">Last check</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                  <td className="px-3 py-2"><Link href={`/keys/${k.id}`} className="font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">{k.label}</Link>{k.demo && <span className="ml-2 rounded bg-violet-100 px-1.5 text-xs text-violet-900 dark:bg-violet-900 dark:text-violet-100">demo</span>}</td>
                  <td className="px-3 py-2 font-mono">{k.fingerprint}</td>
                  <td className="px-3 py-2">{PURPOSE_LABELS[k.purpose]}</td>
                  <td className="px-3 py-2">{ageDays(k.createdOn)} d</td>
                  <td className="px-3 py-2">{relativeDays(k.lastCheckedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
