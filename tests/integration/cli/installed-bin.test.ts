// The `keywarden` a user gets from `npm install`: package.json's bin, resolved by npm (`npx keywarden`), and
// exit status 130 when the user presses Ctrl-C at a hidden prompt. Prompts only appear when stdin is a terminal,
// so those tests run the command inside a pseudo-terminal made by util-linux `script` (skipped where it is missing).
// In raw mode Ctrl-C arrives as the byte 0x03, not as SIGINT: that is exactly what a real terminal delivers.
import { execFile, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { npmExecKeywarden, REPO } from "./cli-harness";

const MASTER = "copper-violin-tundra-57";
const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "kw-bin-"));
// Only what the command needs (Next's types make NODE_ENV a required key of ProcessEnv, hence the cast).
const env = (extra: Record<string, string> = {}) =>
  ({ PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TERM: "dumb", ...extra }) as Record<string, string> as NodeJS.ProcessEnv;

afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `npm exec keywarden …` on a pty; presses Ctrl-C once the prompt is shown. Resolves with the exit code. */
function ctrlCAtPrompt(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const cmd = npmExecKeywarden(args);
  const line = [cmd.file, ...cmd.args].map(shellQuote).join(" ");
  return new Promise((resolve, reject) => {
    // -q quiet, -e return the command's exit status, -c the command; /dev/null: no typescript file.
    const child = spawn("script", ["-qec", line, "/dev/null"], { cwd, env: env(extraEnv), stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    let sent = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no prompt within 60 s; output: ${JSON.stringify(output)}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      output += d.toString("utf8");
      if (!sent && /passphrase[^\n]*: $/i.test(output)) {
        sent = true;
        child.stdin.write("\u0003");
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("the installed bin", () => {
  it("package.json's bin names keywarden, an executable node script", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { bin: Record<string, string> };
    const bin = path.join(REPO, pkg.bin.keywarden);
    expect(pkg.bin.keywarden).toBe("lib/cli/keywarden.mjs");
    expect(fs.readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
  });

  it("`npx keywarden help` works in the project folder, offline, as the README says", async () => {
    const { stdout } = await promisify(execFile)("npx", ["--offline", "keywarden", "help"], { cwd: REPO, env: env(), timeout: 60_000 });
    expect(stdout).toMatch(/^Keywarden/);
    expect(stdout).toMatch(/Usage/);
  });
});

describe.skipIf(!hasScript)("Ctrl-C at a prompt exits 130 (on a pseudo-terminal)", () => {
  it("init: cancelled at the first passphrase prompt, no vault is created", async () => {
    const r = await ctrlCAtPrompt(["init"]);
    expect(r.output).toMatch(/New master passphrase/);
    expect(r.output).toMatch(/keywarden: Cancelled\./);
    expect(r.code).toBe(130);
    const sqlite = new Database(path.join(cwd, "data", "keywarden.db"), { readonly: true });
    expect((sqlite.prepare(`SELECT count(*) AS n FROM "Vault"`).get() as { n: number }).n).toBe(0);
    sqlite.close();
  });

  it("unlock: cancelled at the master passphrase prompt, not counted as a wrong guess", async () => {
    const initCmd = npmExecKeywarden(["init"]);
    const init = spawnSync(initCmd.file, initCmd.args, { cwd, env: env({ KEYWARDEN_PASSPHRASE: MASTER }), encoding: "utf8", timeout: 60_000 });
    expect(init.status).toBe(0);
    const r = await ctrlCAtPrompt(["list"]);
    expect(r.output).toMatch(/Master passphrase: /);
    expect(r.code).toBe(130);
    const sqlite = new Database(path.join(cwd, "data", "keywarden.db"), { readonly: true });
    expect((sqlite.prepare(`SELECT "failedAttempts" AS n FROM "Vault"`).get() as { n: number }).n).toBe(0);
    sqlite.close();
  });
});
