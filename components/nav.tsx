import Link from "next/link";
import { NavLinks } from "./nav-links";

/** `lockAction` is the app's server action, passed in because components never import app/. */
export function Nav({ lockAction }: { lockAction: () => Promise<void> }) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-md bg-sky-700 text-sm font-bold text-white">
            K
          </span>
          Keywarden
        </Link>
        <NavLinks />
        <form action={lockAction} className="ml-auto">
          <button type="submit" className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
            Lock
          </button>
        </form>
      </div>
    </header>
  );
}
