// Plain-text tables for human output. No colours: output is often piped or pasted into tickets.
import { printable } from "@/lib/export/printable";

export function table(header: readonly string[], rows: readonly (readonly string[])[], maxWidth = 48): string {
  const clip = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const cells = [header, ...rows].map((r) => r.map((c) => clip(printable(c.replace(/\s+/g, " ")))));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function daysAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return "never";
  const days = Math.floor((now - Date.parse(iso)) / 86_400_000);
  return days <= 0 ? "today" : `${days} d ago`;
}
