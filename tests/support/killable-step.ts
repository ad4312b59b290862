// Runs one step of a persisted flow (a rotation, an incident) in its own Keywarden process and SIGKILLs it — after
// the step returned, or `midStepMs` after it started (inside its OKX call) — so the next step must resume from what
// was stored, with nothing graceful in between. The runner prints STEP-START, then STEP-DONE <json> or STEP-FAILED.
import { spawn } from "node:child_process";
import path from "node:path";

export const REPO = path.resolve(import.meta.dirname, "..", "..");

export interface StepEnv {
  runner: string;
  dataDir: string;
  okxBaseUrl: string;
  master: string;
}

export function runKillableStep<T = unknown>(
  env: StepEnv,
  step: string,
  args: Record<string, unknown>,
  opts: { midStepMs?: number } = {},
): Promise<{ result: T | null; killedMidStep: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", env.runner, step, JSON.stringify(args)], {
      cwd: REPO,
      env: { ...process.env, KEYWARDEN_DATA_DIR: env.dataDir, OKX_API_BASE_URL: env.okxBaseUrl, STEP_MASTER: env.master },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      child.kill("SIGKILL");
      fn();
    };
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      if (opts.midStepMs !== undefined && out.includes("STEP-START")) {
        setTimeout(() => finish(() => resolve({ result: null, killedMidStep: !out.includes("STEP-DONE") })), opts.midStepMs);
      }
      const done = out.match(/STEP-DONE (.*)\n/);
      if (done && opts.midStepMs === undefined) finish(() => resolve({ result: JSON.parse(done[1]) as T, killedMidStep: false }));
      const failed = out.match(/STEP-FAILED (.*)\n/);
      if (failed) finish(() => reject(new Error(`${step} failed: ${failed[1]}`)));
    });
    child.on("exit", () => {
      if (!settled) reject(new Error(`${step} exited before finishing:\n${out}\n${err}`));
    });
  });
}
