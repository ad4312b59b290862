// What is wrong with where a key sits: permissions that let other users read it, and git, which publishes a tracked
// (or once-committed) file with every push. Pure: the audit rules and the scan page share it.
import type { ScanFinding } from "./scan-dto";
import type { GitState } from "./types";

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, "0");

export function fileFindings(f: { mode: number; git: GitState }): ScanFinding[] {
  const out: ScanFinding[] = [];
  if (f.mode & 0o004)
    out.push({ id: "readable-by-others", severity: "high", text: `Every user of this machine can read it (mode ${octal(f.mode)}): run chmod 600 on it.` });
  else if (f.mode & 0o040)
    out.push({
      id: "readable-by-group",
      severity: "medium",
      text: `Its group can read it (mode ${octal(f.mode)}): run chmod 600 on it unless the group needs it.`,
    });
  if (f.git === "tracked")
    out.push({
      id: "git-tracked",
      severity: "critical",
      text: "git tracks this file: every push of the repository publishes the key. Rotate the key, then git rm --cached the file and add it to .gitignore.",
    });
  else if (f.git === "history")
    out.push({
      id: "git-history",
      severity: "critical",
      text: "The file is in the repository's history: a push published the key with it. Rotate the key; removing the file now does not remove it from history.",
    });
  else if (f.git === "untracked")
    out.push({
      id: "git-work-tree",
      severity: "medium",
      text: "The file is inside a git work tree and not ignored: one git add -A commits it. Add it to .gitignore.",
    });
  return out;
}
