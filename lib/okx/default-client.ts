// One client per process so every caller (web checks, check-all jobs, rotation) shares the same
// rate-limit windows and clock-skew cache. Kept on globalThis to survive Next's dev reloads.
import { OkxClient } from "./client";

const g = globalThis as unknown as { keywardenOkxClient?: OkxClient };

export function defaultOkxClient(): OkxClient {
  g.keywardenOkxClient ??= new OkxClient({ timeoutMs: timeoutFromEnv() });
  return g.keywardenOkxClient;
}

/** Replaces the shared client (tests, CLI flags). Pass nothing to start fresh on next use. */
export function setDefaultOkxClient(client?: OkxClient): void {
  g.keywardenOkxClient = client;
}

function timeoutFromEnv(): number | undefined {
  const raw = process.env.OKX_TIMEOUT_MS;
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
