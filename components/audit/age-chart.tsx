// Server-rendered SVG: one bar per key, sorted by age, with the policy's thresholds as lines. No client JS.
import type { AuditPolicy } from "@/lib/audit";

export const AGE_CHART_MAX_KEYS = 30;

export function AgeChart({ keys, policy }: { keys: { label: string; ageDays: number }[]; policy: AuditPolicy }) {
  const sorted = [...keys].sort((a, b) => b.ageDays - a.ageDays).slice(0, AGE_CHART_MAX_KEYS);
  const max = Math.max(policy.ageOverdueDays * 1.1, ...sorted.map((k) => k.ageDays), 1);
  const rowH = 18;
  const labelW = 170; // room for 22 characters at 11px; longer labels are cut and shown whole on hover
  const width = 560;
  const height = sorted.length * rowH + 24;
  const x = (d: number) => labelW + (d / max) * (width - labelW - 40);
  const color = (d: number) =>
    d >= policy.ageOverdueDays ? "fill-red-600" : d >= policy.ageDueDays ? "fill-orange-500" : d >= policy.ageWarnDays ? "fill-amber-400" : "fill-emerald-600";
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-2xl" role="img" aria-labelledby="age-chart-title">
      <title id="age-chart-title">{`Key ages in days; rotation is due at ${policy.ageDueDays} days and overdue at ${policy.ageOverdueDays}.`}</title>
      {sorted.map((k, i) => (
        <g key={`${i}:${k.label}`} transform={`translate(0 ${i * rowH})`}>
          <title>{`${k.label}: ${k.ageDays} days`}</title>
          <text x={labelW - 6} y={12} textAnchor="end" className="fill-zinc-700 text-[11px] dark:fill-zinc-300">
            {k.label.length > 22 ? `${k.label.slice(0, 21)}…` : k.label}
          </text>
          <rect x={labelW} y={3} width={Math.max(2, x(k.ageDays) - labelW)} height={rowH - 6} rx={2} className={color(k.ageDays)} />
          <text x={x(k.ageDays) + 4} y={12} className="fill-zinc-700 text-[11px] dark:fill-zinc-300">
            {k.ageDays} d
          </text>
        </g>
      ))}
      {[policy.ageWarnDays, policy.ageDueDays, policy.ageOverdueDays].map((d) => (
        <g key={d}>
          <line x1={x(d)} x2={x(d)} y1={0} y2={sorted.length * rowH} className="stroke-zinc-400 dark:stroke-zinc-600" strokeDasharray="3 3" />
          <text x={x(d)} y={sorted.length * rowH + 14} textAnchor="middle" className="fill-zinc-600 text-[10px] dark:fill-zinc-400">
            {d} d
          </text>
        </g>
      ))}
    </svg>
  );
}
