import { describe, expect, it } from "vitest";
import { auditKey } from "@/lib/audit";
import { NOW, daysAgo, makeKey, ok, only, policy } from "./fixtures";
import type { AuditFile } from "@/lib/audit/types";

const file = (f: Partial<AuditFile> = {}): AuditFile => ({ path: "/home/me/bot/.env", mode: 0o600, git: "none", scannedAt: daysAgo(1), ...f });
const run = (files: AuditFile[] | undefined) => auditKey(makeKey({ files }), [ok()], policy(), NOW).findings;

describe("file-readable rule", () => {
  it("is silent without a scan and for a 0600 file", () => {
    expect(only(run(undefined), "file-readable")).toEqual([]);
    expect(only(run([file()]), "file-readable")).toEqual([]);
  });
  it("is high for a file every user can read and medium for group-readable, naming chmod 600", () => {
    const [f] = only(run([file({ mode: 0o644 })]), "file-readable");
    expect(f).toMatchObject({ severity: "high" });
    expect(f!.fix[0]).toBe("chmod 600 /home/me/bot/.env (now 644; the app's own user still reads it)");
    expect(only(run([file({ mode: 0o640 })]), "file-readable")[0]).toMatchObject({ severity: "medium" });
  });
});

describe("file-in-git rule", () => {
  it("is critical for a tracked file or one in the history, and offers the rotation", () => {
    for (const git of ["tracked", "history"] as const) {
      const [f] = only(run([file({ git })]), "file-in-git");
      expect(f).toMatchObject({ severity: "critical", action: "rotate", title: "This key is committed to a git repository" });
      expect(f!.fixActions?.[0]).toEqual({ kind: "rotate" });
    }
  });
  it("is medium for an untracked, not ignored file; silent for an ignored one or outside git", () => {
    expect(only(run([file({ git: "untracked" })]), "file-in-git")[0]).toMatchObject({ severity: "medium" });
    expect(only(run([file({ git: "ignored" }), file({ git: "none" })]), "file-in-git")).toEqual([]);
  });
});
