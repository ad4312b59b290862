// A dated report to share (with a team, an auditor): posture, counts, then each key with its grade and
// findings with the fix steps. Only what VaultReport holds: no secret, the public key only as a fingerprint.
import type { VaultReport } from "@/lib/reports/vault-report";
import { SEVERITIES, describeIpBinding } from "@/lib/audit";
import { buildAuditDocument } from "./audit-document";
import { printable } from "./printable";

/** Escapes Markdown control characters in user text (labels, OKX messages) so it renders as written. */
export function mdText(s: string): string {
  return printable(s.replace(/[\\`*_\[\]<>|]/g, "\\$&").replace(/\r?\n/g, " "));
}

/** How many keys the posture could not count as healthy, said the same way on the overview and in the CLI. */
export function unverifiedNote(n: number): string {
  return `${n} key${n === 1 ? " is" : "s are"} unknown (grade ?): OKX has not verified ${n === 1 ? "it" : "them"} yet, so the posture counts ${n === 1 ? "it" : "each"} as no better than C.`;
}

export function auditMarkdown(report: VaultReport): string {
  const doc = buildAuditDocument(report);
  const date = doc.generatedAt.slice(0, 10);
  const out: string[] = [];
  out.push(`# Keywarden audit — ${date}`, "");
  out.push(
    `Generated ${doc.generatedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC")} for ${doc.keys.length} active key${doc.keys.length === 1 ? "" : "s"}.`,
    "",
  );
  out.push(
    doc.posture.score === null
      ? "**Posture: unknown (grade ?): no key verified with OKX yet**"
      : `**Posture: ${doc.posture.score}/100 (grade ${doc.posture.grade})**`,
    "",
  );
  if (doc.posture.unverified > 0) out.push(unverifiedNote(doc.posture.unverified), "");
  out.push("| severity | findings |", "| --- | ---: |");
  for (const s of SEVERITIES) out.push(`| ${s} | ${doc.posture.counts[s]} |`);
  out.push("");
  out.push(
    "## Keys",
    "",
    "| grade | key | fingerprint | purpose | age | permissions (OKX) | IP bound | last check |",
    "| --- | --- | --- | --- | ---: | --- | --- | --- |",
  );
  for (const k of doc.keys) {
    const last = k.lastCheck ? `${k.lastCheck.at.slice(0, 10)} (code ${k.lastCheck.code || "none"})` : "never";
    out.push(
      `| ${k.grade} | ${mdText(k.label)}${k.demo ? " (demo)" : ""} | \`${k.fingerprint}\` | ${k.purpose} | ${k.ageDays} d | ${k.perm.join(", ") || "—"} | ${describeIpBinding(k.ipBinding, k.ip)} | ${last} |`,
    );
  }
  out.push("");
  out.push("## Findings", "");
  const withFindings = doc.keys.filter((k) => k.findings.length > 0);
  if (withFindings.length === 0) out.push("No findings.", "");
  for (const k of withFindings) {
    out.push(`### ${mdText(k.label)} — grade ${k.grade}`, "");
    for (const f of k.findings) {
      out.push(`- **${f.severity.toUpperCase()}** ${mdText(f.title)} _(rule: ${f.rule})_`);
      out.push(`  - Why: ${mdText(f.why)}`);
      out.push(`  - Evidence: ${mdText(f.evidence)}`);
      f.fix.forEach((step, i) => out.push(`  - Fix ${i + 1}: ${mdText(step)}`));
    }
    out.push("");
  }
  out.push("---", "", "_Secrets are never included in this report; keys are identified by label and fingerprint only._", "");
  return out.join("\n");
}
