// Runs the real `lib/cli/keywarden.mjs` as a subprocess and remembers every byte it printed, so a test can
// grep all CLI output for canary secrets at the end.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const REPO = path.resolve(import.meta.dirname, "..", "..", "..");
export const KEYWARDEN = path.join(REPO, "lib", "cli", "keywarden.mjs");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunner {
  (args: string[], opts?: { input?: string; env?: Record<string, string | undefined> }): Promise<CliResult>;
  outputs: string[];
  dataDir: string;
  cwd: string;
}

/** A runner bound to a fresh working directory; the data directory defaults to <cwd>/data like the web app. */
export function cliRunner(baseEnv: Record<string, string | undefined>): CliRunner {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "kw-cli-"));
  const outputs: string[] = [];
  const run = ((args, opts = {}) =>
    new Promise<CliResult>((resolve, reject) => {
      const env: Record<string, string> = {};
      // Only what the CLI needs: nothing from the test process (its KEYWARDEN_DATA_DIR) leaks in.
      for (const [k, v] of Object.entries({ PATH: process.env.PATH, HOME: process.env.HOME, ...baseEnv, ...opts.env })) {
        if (v !== undefined) env[k] = v;
      }
      const child = execFile(process.execPath, [KEYWARDEN, ...args], { cwd, env: env as NodeJS.ProcessEnv, timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
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
