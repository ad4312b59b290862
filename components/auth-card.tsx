import type { ReactNode } from "react";

export function AuthCard({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="mb-6 flex items-center gap-2">
        <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded-md bg-sky-700 font-bold text-white">
          K
        </span>
        <span className="text-lg font-semibold">Keywarden</span>
      </div>
      <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="mb-4 mt-1 text-sm text-zinc-700 dark:text-zinc-300">{intro}</p>
        {children}
      </div>
    </main>
  );
}
