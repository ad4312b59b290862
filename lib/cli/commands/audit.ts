// keywarden audit: the same audit the dashboard shows (lib/reports → lib/audit), as a summary or as the
// export JSON document. The exit status lets a cron job or CI step fail on findings.
import { SEVERITIES, severityRank, type Severity } from "@/lib/audit";
import { buildAuditDocument, type AuditDocument } from "@/lib/export/audit-document";
import { loadVaultReport } from "@/lib/reports/vault-audit";
import { EXIT, type ExitCode } from "../exit-codes";
import { unlockForCli } from "../open-vault";
import { table } from "../table";
import { terminalText } from "@/lib/export/printable";
import { oneOf, parseFlags, USAGE } from "../usage";

const FAIL_ON = ["critical", "high", "medium", "low", "none"] as const;
type FailOn = (typeof FAIL_ON)[number];

export function exceedsThreshold(doc: AuditDocument, failOn: FailOn): boolean {
  if (failOn === "none") return false;
  const min = severityRank(failOn);
  return doc.keys.some((k) => k.findings.some((f) => severityRank(f.severity) >= min));
}

function summary(doc: AuditDocument): string {
  const lines: string[] = [];
  const c = doc.posture.counts;
  lines.push(`Posture ${doc.posture.score}/100 (grade ${doc.posture.grade}) — ${SEVERITIES.map((s) => `${c[s]} ${s}`).join(", ")}`);
  lines.push("");
  if (doc.keys.length === 0) return `${lines.join("\n")}No keys stored.\n`;
  lines.push(
    table(
      ["GRADE", "LABEL", "KEY", "PURPOSE", "PERM (OKX)", "AGE", "FINDINGS"],
      // Worst first: the table is read top-down.
      [...doc.keys].sort((a, b) => a.score - b.score || a.label.localeCompare(b.label)).map((k) => [k.grade, k.label, k.fingerprint, k.purpose, k.perm.join(",") || "unknown", `${k.ageDays} d`, String(k.findings.length)]),
    ),
  );
  for (const k of [...doc.keys].sort((a, b) => a.score - b.score || a.label.localeCompare(b.label))) {
    const shown = k.findings.filter((f) => f.severity !== "info");
    if (!shown.length) continue;
    lines.push("", `${k.label} (${k.fingerprint}) — grade ${k.grade}`);
    for (const f of shown) {
      lines.push(`  [${f.severity.toUpperCase()}] ${f.title}`);
      if (f.fix[0]) lines.push(`      fix: ${f.fix[0]}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export async function auditCommand(args: string[]): Promise<ExitCode> {
  const { values } = parseFlags(args, { json: { type: "boolean" }, "fail-on": { type: "string" } });
  if (values.help) return void process.stdout.write(USAGE), EXIT.ok;
  const failOn: FailOn = oneOf("--fail-on", values["fail-on"], FAIL_ON) ?? "high";
  await unlockForCli();
  const doc = buildAuditDocument(await loadVaultReport());
  process.stdout.write(values.json ? `${JSON.stringify(doc, null, 2)}\n` : terminalText(summary(doc)));
  const failed = exceedsThreshold(doc, failOn);
  if (failed && !values.json) process.stderr.write(`Findings at or above “${failOn}”: exit status 1.\n`);
  return failed ? EXIT.findings : EXIT.ok;
}

export type { Severity };
