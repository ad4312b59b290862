// Runs the installed `keywarden` command as a subprocess and remembers every byte it printed, so a test can
// grep all CLI output for canary secrets at the end.
//
// "Installed" means what a user gets after `npm install`: npm resolves the name through package.json's `bin`
// (`npm exec keywarden`, which is what `npx keywarden` runs). npm does not link a package's own bin into its own
// node_modules/.bin, so there is no file to exec directly; `--prefix REPO` makes npm find the package from the
// test's temporary working directory, which stays the command's cwd (the data directory is ./data there).
// `--offline`: resolving a local bin never needs the registry. About 0.7 s of npm start-up per call; pass
// { via: "node" } to run lib/cli/keywarden.mjs directly where a test makes many calls that are not about the bin.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const REPO = path.resolve(import.meta.dirname, "..", "..", "..");
export const KEYWARDEN = path.join(REPO, "lib", "cli", "keywarden.mjs");

/** `npm exec keywarden …` as the harness runs it: the installed bin, resolved by npm from package.json. */
export function npmExecKeywarden(args: string[]): { file: string; args: string[] } {
  return { file: "npm", args: ["exec", "--prefix", REPO, "--offline", "--no-update-notifier", "--loglevel=error", "--", "keywarden", ...args] };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunner {
  (args: string[], opts?: { input?: string | Buffer; env?: Record<string, string | undefined> }): Promise<CliResult>;
  outputs: string[];
  dataDir: string;
  cwd: string;
}

/**
 * A runner bound to a fresh working directory (or `cwd`, to share another runner's); the data directory defaults
 * to <cwd>/data like the web app. timeoutMs: for tests that start many processes at once on a busy machine.
 */
export function cliRunner(baseEnv: Record<string, string | undefined>, opts: { via?: "npm" | "node"; cwd?: string; timeoutMs?: number } = {}): CliRunner {
  const via = opts.via ?? "npm";
  const timeout = opts.timeoutMs ?? 60_000;
  const cwd = opts.cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), "kw-cli-"));
  const outputs: string[] = [];
  const run = ((args, opts = {}) =>
    new Promise<CliResult>((resolve, reject) => {
      const env: Record<string, string> = {};
      // Only what the CLI needs: nothing from the test process (its KEYWARDEN_DATA_DIR) leaks in.
      for (const [k, v] of Object.entries({ PATH: process.env.PATH, HOME: process.env.HOME, ...baseEnv, ...opts.env })) {
        if (v !== undefined) env[k] = v;
      }
      const cmd = via === "npm" ? npmExecKeywarden(args) : { file: process.execPath, args: [KEYWARDEN, ...args] };
      const child = execFile(cmd.file, cmd.args, { cwd, env: env as NodeJS.ProcessEnv, timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
        outputs.push(stdout, stderr);
        const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
        if (code === -1) return reject(err);
        resolve({ code, stdout, stderr });
      });
      child.stdin!.end(opts.input ?? "");
    })) as CliRunner;
  run.outputs = outputs;
  run.cwd = cwd;
  run.dataDir = path.join(cwd, "data");
  return run;
}

export function secretsJson(k: { apiKey: string; secretKey: string; passphrase: string }): string {
  return JSON.stringify({ apiKey: k.apiKey, secretKey: k.secretKey, passphrase: k.passphrase });
}

/** Every file under dir, recursively (data directory: db, WAL, backups kept aside). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}
