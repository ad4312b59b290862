// keywarden check: ask OKX about stored keys (through lib/checks, which paces per UID and stores each answer).
import { checkAll, type CheckAllProgress } from "@/lib/checks";
import { listKeys } from "@/lib/keys/key-store";
import { BaseUrlConfigError, parseBaseUrlOverride } from "@/lib/okx/regions";
import { loadVaultReport } from "@/lib/reports/vault-report";
import { AppError } from "@/lib/errors/app-error";
import { EXIT, type ExitCode } from "../exit-codes";
import { unlockForCli } from "../open-vault";
import { table } from "../table";
import { parseFlags, UsageError, USAGE } from "../usage";
import { printable } from "@/lib/export/printable";

/** Outcomes that mean "OKX did not answer about the key" rather than "OKX said something about it". */
const UNREACHED = new Set(["network_error", "rate_limited"]);

function progressReporter(): ((p: CheckAllProgress) => void) | undefined {
  // Progress only for a person watching; scripts and logs get the result alone.
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    process.stderr.write(
      printable(`\rChecking ${p.done}/${p.total} (ok ${p.ok}, not ok ${p.failed})${p.current ? ` — ${p.current}` : ""}`.slice(0, 100).padEnd(100), ["\r"]),
    );
    if (p.done === p.total) process.stderr.write("\n");
  };
}

export async function checkCommand(args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags(args, { all: { type: "boolean" }, json: { type: "boolean" } }, true);
  if (values.help) return (void process.stdout.write(USAGE), EXIT.ok);
  if (values.all && positionals.length) throw new UsageError("Give either --all or key labels, not both.");
  if (!values.all && positionals.length === 0) throw new UsageError("Say which keys to check: --all, or one or more labels.");
  try {
    parseBaseUrlOverride(process.env.OKX_API_BASE_URL);
  } catch (e) {
    if (e instanceof BaseUrlConfigError) throw new AppError(`${e.message}. Nothing was checked.`, "config");
    throw e;
  }

  await unlockForCli();
  const keys = values.all ? [] : await listKeys();
  // --all: lib/checks picks every active key whose secrets still exist.
  let ids: string[] | undefined;
  if (!values.all) {
    const byLabel = new Map(keys.map((k) => [k.label, k.id]));
    const unknown = positionals.filter((l) => !byLabel.has(l));
    if (unknown.length) throw new UsageError(`No stored key is labelled ${unknown.map((l) => `“${l}”`).join(", ")}.`);
    ids = [...new Set(positionals.map((l) => byLabel.get(l)!))];
  }

  const summary = await checkAll({ keyIds: ids, actor: "cli", onProgress: progressReporter() });
  const report = await loadVaultReport();
  const skippedIds = new Set(summary.results.filter((r) => r.outcome === "skipped").map((r) => r.keyId));
  const wanted = new Set(summary.results.map((r) => r.keyId).filter((id) => !skippedIds.has(id)));
  const checked = report.keys.filter((k) => wanted.has(k.key.id));
  const checks = checked.map(({ key, checks: [c] }) => ({
    keyId: key.id,
    label: key.label,
    fingerprint: key.fingerprint,
    at: c ? c.at.toISOString() : null,
    outcome: c?.outcome ?? "skipped",
    code: c?.code ?? "",
    message: c?.message ?? "",
    perm: c?.perm ?? null,
    ip: c?.ip ?? null,
    uid: c?.uid ?? null,
    mainUid: c?.mainUid ?? null,
    latencyMs: c?.latencyMs ?? null,
  }));
  const skipped = summary.results.filter((r) => r.outcome === "skipped").map((r) => ({ keyId: r.keyId, reason: r.reason ?? "" }));

  if (values.json) {
    const doc = {
      checkedAt: report.generatedAt.toISOString(),
      total: summary.total,
      ok: summary.ok,
      failed: summary.failed,
      byOutcome: summary.byOutcome,
      durationMs: summary.durationMs,
      checks,
      skipped,
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else if (checks.length === 0) {
    process.stdout.write("No keys to check.\n");
  } else {
    const rows = checks.map((c) => [
      c.label,
      c.outcome,
      c.code || "—",
      c.perm?.join(",") ?? "—",
      // 50110 proves an allowlist without listing it.
      c.ip ? c.ip.join(",") || "(none)" : c.outcome === "ip_blocked" ? "bound to other IPs" : "—",
      c.outcome === "ok" ? "" : c.message,
    ]);
    process.stdout.write(`${table(["LABEL", "OUTCOME", "CODE", "PERM", "IP", "MESSAGE"], rows, 60)}\n`);
    process.stdout.write(
      `Checked ${summary.total} key${summary.total === 1 ? "" : "s"} in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.ok} ok, ${summary.failed} not ok. Run \`keywarden audit\` for findings.\n`,
    );
  }
  for (const s of skipped) process.stderr.write(`skipped: ${s.reason}\n`);
  return checks.some((c) => UNREACHED.has(c.outcome)) ? EXIT.okxUnreachable : EXIT.ok;
}
