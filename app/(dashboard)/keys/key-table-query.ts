// Sorting and filtering of the keys table, from the URL (so views can be bookmarked and need no client JS).
import type { AuditedKey } from "@/lib/reports/vault-audit";

export const SORTS = ["label", "age", "grade", "lastCheck", "purpose"] as const;
export type SortKey = (typeof SORTS)[number];

export interface TableQuery {
  q: string;
  grade: string;
  purpose: string;
  sort: SortKey;
  dir: "asc" | "desc";
}

export function parseTableQuery(sp: Record<string, string | string[] | undefined>): TableQuery {
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k]![0] : (sp[k] as string | undefined)) ?? "";
  const sort = (SORTS as readonly string[]).includes(one("sort")) ? (one("sort") as SortKey) : "grade";
  const dir = one("dir") === "asc" || one("dir") === "desc" ? (one("dir") as "asc" | "desc") : sort === "label" || sort === "purpose" ? "asc" : "desc";
  return { q: one("q").trim().slice(0, 100), grade: one("grade"), purpose: one("purpose"), sort, dir };
}

const GRADE_ORDER = { A: 0, B: 1, C: 2, D: 3, F: 4 } as const;

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
