import Link from "next/link";
import { getKey } from "@/lib/keys/key-store";
import { PURPOSE_LABELS, REGION_LABELS } from "@/lib/keys/key-schema";
import { ageDays, formatDateTime } from "@/components/format";
import { DeleteKeyForm, ReplaceSecretsForm } from "./key-actions-forms";

export const metadata = { title: "Key" };

export default async function KeyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ added?: string; saved?: string }> }) {
  const { id } = await params;
  const { added, saved } = await searchParams;
  const key = await getKey(id);
  return (
    <div className="space-y-6">
      <p className="text-sm"><Link href="/keys" className="text-sky-700 underline dark:text-sky-400">← Keys</Link></p>
      {(added || saved) && <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">{added ? "Key added. Its secrets are encrypted and will not be shown again." : "Changes saved."}</p>}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{key.label}</h1>
          <p className="mt-1 font-mono text-sm text-zinc-600 dark:text-zinc-400">{key.fingerprint}</p>
        </div>
        {key.status === "active" && <Link href={`/keys/${key.id}/rotate`} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">Rotate</Link>}
        <Link href={`/keys/${key.id}/edit`} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">Edit details</Link>
      </div>
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-900">
        <div><dt className="text-zinc-600 dark:text-zinc-400">Purpose</dt><dd>{PURPOSE_LABELS[key.purpose]}</dd></div>
        <div><dt className="text-zinc-600 dark:text-zinc-400">Region</dt><dd>{REGION_LABELS[key.region]}{key.demo ? " · demo trading" : " · live"}</dd></div>
        <div><dt className="text-zinc-600 dark:text-zinc-400">Created on</dt><dd>{key.createdOn} ({ageDays(key.createdOn)} days old{key.createdOnSource === "okx" ? ", from OKX" : ""})</dd></div>
        <div><dt className="text-zinc-600 dark:text-zinc-400">Added to Keywarden</dt><dd>{formatDateTime(key.addedAt)}</dd></div>
        <div className="sm:col-span-2"><dt className="text-zinc-600 dark:text-zinc-400">Used by</dt><dd>{key.consumers.length ? key.consumers.map((c) => (c.host ? `${c.name} @ ${c.host}` : c.name)).join(", ") : "not recorded"}</dd></div>
        {key.notes && <div className="sm:col-span-2"><dt className="text-zinc-600 dark:text-zinc-400">Notes</dt><dd className="whitespace-pre-wrap">{key.notes}</dd></div>}
      </dl>
      <section aria-labelledby="replace" className="space-y-2">
        <h2 id="replace" className="text-lg font-medium">Replace secrets</h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">If you re-created this key on okx.com, enter its new credentials. The old ones are overwritten.</p>
        <ReplaceSecretsForm id={key.id} />
      </section>
      <section aria-labelledby="delete" className="space-y-2">
        <h2 id="delete" className="text-lg font-medium text-red-800 dark:text-red-300">Delete from Keywarden</h2>
        <DeleteKeyForm id={key.id} label={key.label} />
      </section>
    </div>
  );
}
