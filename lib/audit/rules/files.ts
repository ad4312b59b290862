// Where the local scan found the key on disk (lib/scan): a file other users of the machine can read, and a file git
// tracks or once committed — a push publishes it with the repository. The facts come from the latest scan.
import { fixSteps, kwStep } from "../fix-steps";
import { KW_KEY_PAGE } from "../okx-links";
import { fmtDateTime } from "../time";
import type { AuditFile, Finding } from "../types";
import type { RuleContext } from "./context";

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, "0");
const seen = (f: AuditFile) => `Scan at ${fmtDateTime(f.scannedAt)}`;

export function fileReadableRule(ctx: RuleContext): Finding[] {
  const files = (ctx.key.files ?? []).filter((f) => f.mode & 0o044);
  if (!files.length) return [];
  const byOthers = files.some((f) => f.mode & 0o004);
  return [
    {
      rule: "file-readable",
      severity: byOthers ? "high" : "medium",
      keyId: ctx.key.id,
      title: byOthers ? "A file holding this key is readable by every user of the machine" : "A file holding this key is readable by its group",
      why: "Anyone who can read the file has the key's secret and passphrase: any other account or service on the machine, or a process that was broken into.",
      fix: files.map((f) => `chmod 600 ${f.path} (now ${octal(f.mode)}; the app's own user still reads it)`),
      evidence: { at: files[0].scannedAt, detail: `${seen(files[0])}: ${files.map((f) => `${f.path} mode ${octal(f.mode)}`).join(", ")}` },
    },
  ];
}

export function fileInGitRule(ctx: RuleContext): Finding[] {
  const files = (ctx.key.files ?? []).filter((f) => f.git === "tracked" || f.git === "history" || f.git === "untracked");
  if (!files.length) return [];
  const published = files.filter((f) => f.git !== "untracked");
  if (published.length) {
    return [
      {
        rule: "file-in-git",
        severity: "critical",
        keyId: ctx.key.id,
        title: "This key is committed to a git repository",
        why: "Every clone and every push of the repository carries the file, and removing it later does not remove it from the history: treat the key as leaked.",
        ...fixSteps(
          kwStep(`${KW_KEY_PAGE} → Rotate: replace the key (the rotation can write the new key into the file)`, { kind: "rotate" }),
          ...published.map((f) => `In the repository: git rm --cached ${f.path}, add it to .gitignore, and commit`),
        ),
        evidence: {
          at: published[0].scannedAt,
          detail: `${seen(published[0])}: ${published.map((f) => `${f.path} (${f.git === "tracked" ? "tracked by git" : "in the history"})`).join(", ")}`,
        },
        action: "rotate",
      },
    ];
  }
  return [
    {
      rule: "file-in-git",
      severity: "medium",
      keyId: ctx.key.id,
      title: "A file holding this key sits in a git work tree and is not ignored",
      why: "One `git add -A` commits it, and the next push publishes the key.",
      fix: files.map((f) => `Add ${f.path} to the repository's .gitignore`),
      evidence: { at: files[0].scannedAt, detail: `${seen(files[0])}: ${files.map((f) => f.path).join(", ")}` },
    },
  ];
}
