// "What changed" between a check and the previous successful one, in words, for the history table.
import type { CheckDto } from "@/lib/checks/check-dto";

export function describeChanges(check: CheckDto, previousOk: CheckDto | undefined): string {
  if (check.outcome !== "ok") return "—";
  if (!previousOk) return "first successful check";
  const changes: string[] = [];
  const added = (check.perm ?? []).filter((p) => !(previousOk.perm ?? []).includes(p));
  const removed = (previousOk.perm ?? []).filter((p) => !(check.perm ?? []).includes(p));
  if (added.length) changes.push(`gained ${added.join(", ")}`);
  if (removed.length) changes.push(`lost ${removed.join(", ")}`);
  if ((check.ip ?? []).join(",") !== (previousOk.ip ?? []).join(","))
    changes.push(`IPs: ${(previousOk.ip ?? []).join(", ") || "none"} → ${(check.ip ?? []).join(", ") || "none"}`);
  if (check.label !== previousOk.label) changes.push(`OKX label “${previousOk.label ?? ""}” → “${check.label ?? ""}”`);
  return changes.length ? changes.join("; ") : "no change";
}
