import Link from "next/link";
import { listKeys } from "@/lib/keys/key-store";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const keys = await listKeys();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Overview</h1>
      {keys.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
          <h2 className="text-lg font-medium">Start with your first key</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-zinc-700 dark:text-zinc-300">Add an OKX API key and Keywarden will tell you how old it is, what it can do, and what to fix.</p>
          <Link href="/keys/new" className="mt-4 inline-block rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white">Add a key</Link>
        </div>
      ) : (
        <p className="text-sm">{keys.length} keys stored. <Link href="/keys" className="text-sky-700 underline dark:text-sky-400">See all keys</Link></p>
      )}
    </div>
  );
}
