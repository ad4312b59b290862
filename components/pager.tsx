import Link from "next/link";

// Previous / next links for a paged list: plain links, so paging works with the keyboard and without client JS.
export function Pager({ page, pages, href, label = "Pages" }: { page: number; pages: number; href: (page: number) => string; label?: string }) {
  const link = "rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
  return (
    <nav aria-label={label} className="flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link} rel="prev" aria-label={`Previous page, ${page - 1} of ${pages}`}>
          ← Previous
        </Link>
      ) : null}
      <span aria-current="page">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className={link} rel="next" aria-label={`Next page, ${page + 1} of ${pages}`}>
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
