import type { Finding } from "@/lib/audit";

/**
 * One DOM id (and React key) per finding in a list. A key can have several findings of one rule (drift: permissions,
 * IPs and label; shared-key: stored twice and several consumers), so the rule alone is not unique: the 2nd, 3rd…
 * finding of the same key and rule gets a -2, -3… suffix. The engine's order is deterministic, so ids are stable.
 */
export function findingIds(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `f-${f.keyId}-${f.rule}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
