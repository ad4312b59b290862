// keywarden audit: the same audit the dashboard shows (lib/reports → lib/audit), as a summary or as the
// export JSON document. The exit status lets a cron job or CI step fail on findings.
import { SEVERITIES, UNVERIFIED_SCORE_CAP, describeIpBinding, severityRank, type Severity } from "@/lib/audit";
import { unverifiedNote } from "@/lib/export/audit-markdown";
import { buildAuditDocument, type AuditDocument } from "@/lib/export/audit-document";
import { loadVaultReport } from "@/lib/reports/vault-report";
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

// An unverified key sorts as the posture counts it (UNVERIFIED_SCORE_CAP at best), before healthy ones.
function worstFirst(keys: AuditDocument["keys"]): AuditDocument["keys"] {
  const rank = (k: AuditDocument["keys"][number]) => k.score ?? UNVERIFIED_SCORE_CAP + 0.5;
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
}

function summary(doc: AuditDocument): string {
  const lines: string[] = [];
  const c = doc.posture.counts;
  const posture = doc.posture.score === null ? "Posture unknown (grade ?)" : `Posture ${doc.posture.score}/100 (grade ${doc.posture.grade})`;
  lines.push(`${posture} — ${SEVERITIES.map((s) => `${c[s]} ${s}`).join(", ")}`);
  if (doc.posture.unverified > 0) lines.push(unverifiedNote(doc.posture.unverified));
  lines.push("");
  if (doc.keys.length === 0) return `${lines.join("\n")}No keys stored.\n`;
  lines.push(
    table(
      ["GRADE", "LABEL", "KEY", "PURPOSE", "PERM (OKX)", "IP BOUND", "AGE", "FINDINGS"],
      // Worst first: the table is read top-down.
      worstFirst(doc.keys).map((k) => [
        k.grade,
        k.label,
        k.fingerprint,
        k.purpose,
        k.perm.join(",") || "unknown",
        describeIpBinding(k.ipBinding, k.ip),
        `${k.ageDays} d`,
        String(k.findings.length),
      ]),
    ),
  );
  for (const k of worstFirst(doc.keys)) {
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
  if (values.help) return (void process.stdout.write(USAGE), EXIT.ok);
  const failOn: FailOn = oneOf("--fail-on", values["fail-on"], FAIL_ON) ?? "high";
  await unlockForCli();
  const doc = buildAuditDocument(await loadVaultReport());
  process.stdout.write(values.json ? `${JSON.stringify(doc, null, 2)}\n` : terminalText(summary(doc)));
  const failed = exceedsThreshold(doc, failOn);
  if (failed && !values.json) process.stderr.write(`Findings at or above “${failOn}”: exit status 1.\n`);
  return failed ? EXIT.findings : EXIT.ok;
}

export type { Severity };
