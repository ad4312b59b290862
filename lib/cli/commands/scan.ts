// keywarden scan PATH…: where each stored key sits in files on this machine, and OKX keys in files that Keywarden
// does not hold. Read-only; prints paths, fingerprints and findings, never a found value.
import path from "node:path";
import { runScan } from "@/lib/scan";
import { STYLE_LABELS } from "@/lib/scan/types";
import { printable } from "@/lib/export/printable";
import { EXIT, type ExitCode } from "../exit-codes";
import { unlockForCli } from "../open-vault";
import { parseFlags, UsageError, USAGE } from "../usage";

export async function scanCommand(args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags(args, { json: { type: "boolean" } }, true);
  if (values.help) return (void process.stdout.write(USAGE), EXIT.ok);
  if (positionals.length === 0) throw new UsageError("Say which folders to scan: keywarden scan PATH….");
  await unlockForCli();
  const roots = positionals.map((p) => path.resolve(p));
  const tty = process.stderr.isTTY;
  const result = await runScan(roots, {
    actor: "cli",
    onProgress: tty ? (p) => process.stderr.write(printable(`\rScanned ${p.filesSeen} files, ${p.found} with OKX credentials`.padEnd(80), ["\r"])) : undefined,
  });
  if (tty) process.stderr.write("\n");
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const out: string[] = [];
  const line = (f: (typeof result.files)[number]) => {
    const notes = f.findings.map((x) => `    ! ${x.severity}: ${x.text}`);
    return [`  ${f.path} (${STYLE_LABELS[f.style]}, app “${f.app}”)`, ...notes].join("\n");
  };
  out.push(`Scanned ${result.run.filesSeen} files in ${result.run.roots.join(", ")}.`);
  for (const k of result.byKey) out.push(`\n“${k.key.label}” is used in:`, ...k.files.map(line));
  for (const u of result.unknown) {
    out.push(
      `\nAn OKX key Keywarden does not know (${u.fingerprint})${u.files.some((f) => f.hasSecret) ? " — add it on Settings → Scan" : ""}:`,
      ...u.files.map(line),
    );
  }
  const encrypted = result.files.filter((f) => f.encrypted);
  if (encrypted.length) out.push("\nOKX consumers with encrypted values (not matched):", ...encrypted.map(line));
  if (!result.files.length) out.push("No OKX credentials found.");
  if (result.run.skipped.length) out.push("\nSkipped:", ...result.run.skipped.map((s) => `  ${s.path}: ${s.text}`));
  process.stdout.write(`${printable(out.join("\n"), ["\n"])}\n`);
  return EXIT.ok;
}
