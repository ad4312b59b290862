// The Markdown incident report: what was revoked when, what was verified and how, and what is left with the exact
// steps. Pure; the page download and the CLI share it. Labels and paths come from people: table cells are escaped so
// a "|" or a newline cannot break the table, and nothing here is ever a secret (keys appear only as fingerprints).
import type { IncidentDto } from "./incident-view";

const cell = (s: string) =>
  s
    .replace(/[\r\n]+/g, " ")
    .replace(/\|/g, "\\|")
    .replace(/[\u0000-\u001f\u007f]/g, "");
const when = (iso: string | null | undefined) =>
  iso
    ? iso
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC")
        .replace(/Z$/, " UTC")
    : "—";

export function incidentReportFilename(inc: IncidentDto): string {
  const slug =
    inc.consumerName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "consumer";
  return `keywarden-incident-${slug}-${inc.createdAt.slice(0, 10)}.md`;
}

export function incidentReportMarkdown(inc: IncidentDto, generatedAt: Date = new Date()): string {
  const out: string[] = [];
  out.push(`# Incident report: “${cell(inc.consumerName)}” was compromised`, "");
  out.push(`- Status: ${inc.stateText}`);
  out.push(`- Opened: ${when(inc.createdAt)}`);
  out.push(`- Confirmed (revocation started): ${when(inc.confirmedAt)}`);
  out.push(`- Finished: ${when(inc.endedAt)}`);
  out.push(`- Keys held: ${inc.items.length} · verified gone: ${inc.gone} · left: ${inc.left}`);
  out.push(`- Report generated: ${when(generatedAt.toISOString())} by Keywarden`, "");
  out.push("## Keys, most dangerous first", "");
  out.push("| # | key | fingerprint | permissions | environment | how | revoked | verified gone | status |");
  out.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  inc.items.forEach((i, n) => {
    const how =
      i.via === "api"
        ? `deleted through master key “${i.masterLabel}” (sub-account ${i.subAcct})`
        : `deleted by the owner on okx.com${i.subAcct ? ` (sub-account ${i.subAcct})` : ""}`;
    out.push(
      `| ${n + 1} | ${cell(i.label)} | ${cell(i.fingerprint)} | ${cell(i.permWords)} | ${i.demo ? "demo" : "live"} | ${cell(how)} | ${when(i.deletedAt ?? (i.via === "okx.com" ? i.verifiedAt : undefined))} | ${when(i.verifiedAt)} | ${cell(i.statusText)} |`,
    );
  });
  out.push("");
  const verified = inc.items.filter((i) => i.status === "gone");
  out.push("## What was verified", "");
  if (!verified.length) out.push("Nothing yet: no key is verified gone.");
  for (const i of verified) {
    out.push(
      `- **${cell(i.label)}** (${i.fingerprint}): ${cell(i.evidence?.how ?? "gone")} (OKX code ${i.evidence?.code ?? "?"}) at ${when(i.verifiedAt)}. Its stored secret key and passphrase were destroyed.`,
    );
  }
  out.push("");
  const left = inc.items.filter((i) => i.status !== "gone");
  out.push("## What is left", "");
  if (!left.length) out.push("Nothing: every key this app held is verified gone on OKX.", "");
  for (const i of left) {
    out.push(`### ${cell(i.label)} (${i.fingerprint}): ${cell(i.statusText)}`, "");
    if (i.fallbackReason) out.push(`${cell(i.fallbackReason)}`, "");
    if (i.last) out.push(`Last attempt ${when(i.last.at)}: ${cell(i.last.message)}`, "");
    i.steps.forEach((s, n) => out.push(`${n + 1}. ${cell(s)}`));
    out.push("");
  }
  const paths = [...new Set(inc.items.flatMap((i) => i.paths))];
  if (paths.length) {
    out.push("## Files that held these keys", "", "The scan found the keys in these files; replace or remove the values there:", "");
    for (const p of paths) out.push(`- \`${cell(p)}\``);
    out.push("");
  }
  out.push("## Also do", "");
  out.push("- Review the account's recent orders, withdrawals and withdrawal addresses on okx.com for anything this app did not do.");
  out.push("- Give the app (once it is safe again) a new key with the narrowest permissions and an IP allowlist.");
  return out.join("\n") + "\n";
}
