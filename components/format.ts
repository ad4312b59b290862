// Small display helpers shared by pages (pure).
export function ageDays(createdOn: string | Date, now = new Date()): number {
  const t = typeof createdOn === "string" ? Date.parse(createdOn.length === 10 ? `${createdOn}T00:00:00Z` : createdOn) : createdOn.getTime();
  return Math.max(0, Math.floor((now.getTime() - t) / 86_400_000));
}

export function formatDateTime(iso: string | Date | null): string {
  if (!iso) return "never";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function relativeDays(iso: string | Date | null, now = new Date()): string {
  if (!iso) return "never";
  const d = ageDays(iso, now);
  return d === 0 ? "today" : d === 1 ? "yesterday" : `${d} days ago`;
}
