// The keys table's URL state: parsing is forgiving (bad values fall back), paging clamps, links keep the view.
import { describe, expect, it } from "vitest";
import { PAGE_SIZE, pageOf, parseTableQuery, tableHref } from "@/app/(dashboard)/keys/key-table-query";
import type { AuditedKey } from "@/lib/reports/vault-audit";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ key: { id: `k${i}` } }) as unknown as AuditedKey);

describe("keys table query", () => {
  it("falls back to grade order, page 1, and trims and caps the search", () => {
    expect(parseTableQuery({ sort: "nope", page: "-3", q: `  ${"x".repeat(300)} ` })).toMatchObject({ sort: "grade", dir: "desc", page: 1, q: "x".repeat(100) });
    expect(parseTableQuery({ sort: "label", page: "3" })).toMatchObject({ sort: "label", dir: "asc", page: 3 });
    expect(parseTableQuery({ page: "2abc" }).page).toBe(2);
    expect(parseTableQuery({ page: "abc" }).page).toBe(1);
  });

  it("pages by PAGE_SIZE and clamps a page past the end to the last one", () => {
    const all = rows(PAGE_SIZE * 2 + 5);
    const second = pageOf(all, parseTableQuery({ page: "2" }));
    expect(second).toMatchObject({ page: 2, pages: 3, from: PAGE_SIZE + 1, to: PAGE_SIZE * 2 });
    expect(second.rows[0].key.id).toBe(`k${PAGE_SIZE}`);
    const past = pageOf(all, parseTableQuery({ page: "99" }));
    expect(past).toMatchObject({ page: 3, from: PAGE_SIZE * 2 + 1, to: PAGE_SIZE * 2 + 5 });
    expect(pageOf([], parseTableQuery({}))).toMatchObject({ page: 1, pages: 1, from: 0, to: 0, rows: [] });
  });

  it("builds links that keep the filters and leave page 1 out", () => {
    const q = parseTableQuery({ q: "bot", grade: "F", sort: "age", dir: "asc", page: "2" });
    expect(tableHref(q, { page: 3 })).toBe("/keys?q=bot&grade=F&sort=age&dir=asc&page=3");
    expect(tableHref(q, { sort: "label", dir: "desc", page: 1 })).toBe("/keys?q=bot&grade=F&sort=label&dir=desc");
  });
});
