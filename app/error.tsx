"use client";
// Error boundary: shows a plain message, never the exception text (which could carry input values).
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">Nothing was changed. If the vault locked itself, unlock it again.</p>
      <div className="mt-4 flex justify-center gap-3">
        <button onClick={reset} className="rounded-md bg-sky-700 px-4 py-2 text-sm text-white">
          Try again
        </button>
        <a href="/unlock" className="rounded-md border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700">
          Unlock
        </a>
      </div>
    </main>
  );
}
