// Sorting and filtering of the keys table, from the URL (so views can be bookmarked and need no client JS).
import type { Grade, KeyAudit } from "@/lib/audit";
import { isPurpose } from "@/lib/domain";
import type { AuditedKey, AuditedUnmanagedKey, VaultReport } from "@/lib/reports/vault-report";
import { pageOf as pageOfList, parsePage, type Page } from "@/lib/paging/page-of";

export const SORTS = ["label", "age", "grade", "lastCheck", "purpose"] as const;
export type SortKey = (typeof SORTS)[number];

/** Which keys the table shows: all, the stored ones, or the unmanaged ones (on OKX, not in Keywarden). */
export const KINDS = ["", "stored", "unmanaged"] as const;
export type Kind = (typeof KINDS)[number];

export interface TableQuery {
  q: string;
  grade: string;
  purpose: string;
  kind: Kind;
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
  const kind = (KINDS as readonly string[]).includes(one("kind")) ? (one("kind") as Kind) : "";
  // A filter value no row can have (a hand-edited or stale URL) means no filter: the default view, not an empty table.
  const grade = Object.hasOwn(GRADE_ORDER, one("grade")) ? one("grade") : "";
  const purpose = isPurpose(one("purpose")) ? one("purpose") : "";
  return { q: one("q").trim().slice(0, 100), grade, purpose, kind, sort, dir, page: parsePage(one("page")) ?? 1 };
}

// Worst first: an unknown key ("?", never verified) needs a check before anything graded C or better.
const GRADE_ORDER: Record<Grade, number> = { A: 0, B: 1, C: 2, "?": 2.5, D: 3, F: 4 };

/** One row of the keys table: a stored key, or an unmanaged one (listed by a master key, not in Keywarden). */
export type TableRow = { id: string; label: string; fingerprint: string; audit: KeyAudit; searchText: string } & (
  | { kind: "stored"; purpose: string; lastSeen: Date | null; stored: AuditedKey }
  | { kind: "unmanaged"; purpose: null; lastSeen: Date; unmanaged: AuditedUnmanagedKey }
);

export function tableRows(report: Pick<VaultReport, "keys" | "unmanaged">): TableRow[] {
  const stored = report.keys.map((r): TableRow => ({
    kind: "stored",
    id: r.key.id,
    label: r.key.label,
    fingerprint: r.key.fingerprint,
    audit: r.audit,
    searchText: r.key.consumers.map((c) => `${c.name} ${c.host ?? ""}`).join("\n"),
    purpose: r.key.purpose,
    lastSeen: r.audit.latestCheck?.at ?? null,
    stored: r,
  }));
  const unmanaged = report.unmanaged.map((u): TableRow => ({
    kind: "unmanaged",
    id: `unmanaged-${u.key.id}`,
    label: u.key.name,
    fingerprint: u.key.fingerprint,
    audit: u.audit,
    searchText: `${u.key.subAcct} ${u.key.masterLabel} unmanaged`,
    purpose: null,
    // The master's listing is the last time OKX said anything about it.
    lastSeen: u.key.seenAt,
    unmanaged: u,
  }));
  return [...stored, ...unmanaged];
}

export function applyTableQuery(rows: TableRow[], q: TableQuery): TableRow[] {
  const needle = q.q.toLowerCase();
  const filtered = rows.filter(
    (r) =>
      (!needle || r.label.toLowerCase().includes(needle) || r.fingerprint.toLowerCase().includes(needle) || r.searchText.toLowerCase().includes(needle)) &&
      (!q.grade || r.audit.grade === q.grade) &&
      // No one declared an unmanaged key's purpose: a purpose filter leaves it out.
      (!q.purpose || r.purpose === q.purpose) &&
      (!q.kind || r.kind === q.kind),
  );
  const value = (r: TableRow): string | number => {
    switch (q.sort) {
      case "label":
        return r.label.toLowerCase();
      case "age":
        return r.audit.ageDays;
      case "grade":
        return GRADE_ORDER[r.audit.grade] * 1000 - r.audit.score;
      case "lastCheck":
        return r.lastSeen?.getTime() ?? 0;
      case "purpose":
        return r.purpose ?? "~";
    }
  };
  const sign = q.dir === "asc" ? 1 : -1;
  return filtered.sort((a, b) => {
    const va = value(a),
      vb = value(b);
    return (va < vb ? -1 : va > vb ? 1 : a.label.localeCompare(b.label)) * sign;
  });
}

export type TablePage<T> = Page<T>;

export function pageOf<T>(rows: T[], q: TableQuery): TablePage<T> {
  return pageOfList(rows, q.page, PAGE_SIZE);
}

/** The URL of this view with some parameters changed; page 1 and empty values are left out. */
export function tableHref(q: TableQuery, change: Partial<TableQuery>): string {
  const v = { ...q, ...change };
  const params = new URLSearchParams({
    ...(v.q && { q: v.q }),
    ...(v.grade && { grade: v.grade }),
    ...(v.purpose && { purpose: v.purpose }),
    ...(v.kind && { kind: v.kind }),
    sort: v.sort,
    dir: v.dir,
    ...(v.page > 1 && { page: String(v.page) }),
  });
  return `/keys?${params}`;
}
