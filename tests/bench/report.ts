// One row per measured number: printed as the table and written to last-results.json.
import fs from "node:fs";

export interface BenchRow {
  metric: string;
  /** Human-readable value for the table. */
  measured: string;
  target: string;
  /** null: informational, no target. */
  ok: boolean | null;
  /** Raw number(s) behind `measured`, for the JSON file. */
  value?: number | Record<string, number>;
  unit?: string;
  note?: string;
}

export function printTable(rows: readonly BenchRow[]): void {
  const head = ["metric", "measured", "target", "ok?"];
  const body = rows.map((r) => [r.metric, r.measured, r.target, r.ok === null ? "—" : r.ok ? "yes" : "NO"]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const b of body) console.log(line(b));
  const notes = rows.filter((r) => r.note);
  if (notes.length) {
    console.log("");
    for (const r of notes) console.log(`  ${r.metric}: ${r.note}`);
  }
}

export function writeResults(file: string, rows: readonly BenchRow[], meta: Record<string, unknown>): void {
  fs.writeFileSync(file, `${JSON.stringify({ ...meta, rows }, null, 2)}\n`);
}
