// One page of a list, shared by the pages that list many things (the keys table, the findings), so they agree on
// what a junk or too-large `page` in a URL means: junk is page 1, past the end is the last page.

export interface Page<T> {
  rows: T[];
  page: number;
  pages: number;
  /** 1-based index of the first row shown (0 when there is none). */
  from: number;
  to: number;
}

/** A `?page=` value: a whole number above 1, or undefined (page 1) for anything else, so a hand-edited URL never errors. */
export function parsePage(v: unknown): number | undefined {
  const raw = Array.isArray(v) ? v[0] : v;
  const n = typeof raw === "string" ? Number.parseInt(raw, 10) : typeof raw === "number" ? raw : NaN;
  return Number.isSafeInteger(n) && n > 1 ? n : undefined;
}

export function pageOf<T>(rows: readonly T[], page: number | undefined, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(1, page ?? 1), pages);
  const start = (p - 1) * size;
  const shown = rows.slice(start, start + size);
  return { rows: shown, page: p, pages, from: shown.length ? start + 1 : 0, to: start + shown.length };
}
