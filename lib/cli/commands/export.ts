// keywarden export: the audit as JSON (same document as `audit --json`), CSV or Markdown.
import fs from "node:fs";
import path from "node:path";
import { EXPORT_FORMATS, exportReport } from "@/lib/export/export-report";
import { loadVaultReport } from "@/lib/reports/vault-report";
import { AppError } from "@/lib/errors/app-error";
import { EXIT, type ExitCode } from "../exit-codes";
import { unlockForCli } from "../open-vault";
import { oneOf, parseFlags, UsageError, USAGE } from "../usage";

export async function exportCommand(args: string[]): Promise<ExitCode> {
  const { values } = parseFlags(args, { format: { type: "string" }, out: { type: "string" } });
  if (values.help) return (void process.stdout.write(USAGE), EXIT.ok);
  const format = oneOf("--format", values.format, EXPORT_FORMATS);
  if (!format) throw new UsageError("--format is required (json, csv or md).");
  await unlockForCli();
  const { body } = exportReport(await loadVaultReport(), format);
  if (!values.out) {
    process.stdout.write(body);
    return EXIT.ok;
  }
  const out = path.resolve(values.out);
  try {
    // Reports name keys and weaknesses: private to the owner, like the database.
    fs.writeFileSync(out, body, { mode: 0o600 });
    fs.chmodSync(out, 0o600);
  } catch (e) {
    throw new AppError(`Cannot write ${out} (${(e as NodeJS.ErrnoException).code ?? "error"}).`, "export-target");
  }
  process.stderr.write(`Wrote ${out}\n`);
  return EXIT.ok;
}
