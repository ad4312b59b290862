// Sorting and filtering of the keys table, from the URL (so views can be bookmarked and need no client JS).
import type { Grade } from "@/lib/audit";
import { PURPOSES } from "@/lib/keys/key-schema";
import type { AuditedKey } from "@/lib/reports/vault-audit";

export const SORTS = ["label", "age", "grade", "lastCheck", "purpose"] as const;
export type SortKey = (typeof SORTS)[number];

export interface TableQuery {
  q: string;
  grade: string;
  purpose: string;
  sort: SortKey;
  dir: "asc" | "desc";
  /** 1-based; clamped to the last page by pageOf. */
  page: number;
}

/** Rows per page: a fund with hundreds of keys still gets a page that renders fast and reads well. */
export const PAGE_SIZE = 100;

export function parseTableQuery(sp: Record<string, string | string[] | undefined>): TableQuery {
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k]![0] : (sp[k] as string | undefined)) ?? "";
  const sort = (SORTS as readonly string[]).includes(one("sort")) ? (one("sort") as SortKey) : "grade";
  const dir = one("dir") === "asc" || one("dir") === "desc" ? (one("dir") as "asc" | "desc") : sort === "label" || sort === "purpose" ? "asc" : "desc";
  const page = Number.parseInt(one("page"), 10);
  // A filter value no row can have (a hand-edited or stale URL) means no filter: the default view, not an empty table.
  const grade = Object.hasOwn(GRADE_ORDER, one("grade")) ? one("grade") : "";
  const purpose = (PURPOSES as readonly string[]).includes(one("purpose")) ? one("purpose") : "";
  return { q: one("q").trim().slice(0, 100), grade, purpose, sort, dir, page: Number.isSafeInteger(page) && page > 1 ? page : 1 };
}

// Worst first: an unknown key ("?", never verified) needs a check before anything graded C or better.
const GRADE_ORDER: Record<Grade, number> = { A: 0, B: 1, C: 2, "?": 2.5, D: 3, F: 4 };

export function applyTableQuery(rows: AuditedKey[], q: TableQuery): AuditedKey[] {
  const needle = q.q.toLowerCase();
  const filtered = rows.filter(
    (r) =>
      (!needle ||
        r.key.label.toLowerCase().includes(needle) ||
        r.key.fingerprint.toLowerCase().includes(needle) ||
        r.key.consumers.some((c) => `${c.name} ${c.host ?? ""}`.toLowerCase().includes(needle))) &&
      (!q.grade || r.audit.grade === q.grade) &&
      (!q.purpose || r.key.purpose === q.purpose),
  );
  const value = (r: AuditedKey): string | number => {
    switch (q.sort) {
      case "label": return r.key.label.toLowerCase();
      case "age": return r.audit.ageDays;
      case "grade": return GRADE_ORDER[r.audit.grade] * 1000 - r.audit.score;
      case "lastCheck": return r.audit.latestCheck?.at.getTime() ?? 0;
      case "purpose": return r.key.purpose;
    }
  };
  const sign = q.dir === "asc" ? 1 : -1;
  return filtered.sort((a, b) => {
    const va = value(a), vb = value(b);
    return (va < vb ? -1 : va > vb ? 1 : a.key.label.localeCompare(b.key.label)) * sign;
  });
}

export interface TablePage {
  rows: AuditedKey[];
  page: number;
  pages: number;
  /** 1-based index of the first row shown (0 when there is none). */
  from: number;
  to: number;
}

export function pageOf(rows: AuditedKey[], q: TableQuery): TablePage {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const start = (page - 1) * PAGE_SIZE;
  const shown = rows.slice(start, start + PAGE_SIZE);
  return { rows: shown, page, pages, from: shown.length ? start + 1 : 0, to: start + shown.length };
}

/** The URL of this view with some parameters changed; page 1 and empty values are left out. */
export function tableHref(q: TableQuery, change: Partial<TableQuery>): string {
  const v = { ...q, ...change };
  const params = new URLSearchParams({
    ...(v.q && { q: v.q }),
    ...(v.grade && { grade: v.grade }),
    ...(v.purpose && { purpose: v.purpose }),
    sort: v.sort,
    dir: v.dir,
    ...(v.page > 1 && { page: String(v.page) }),
  });
  return `/keys?${params}`;
}
