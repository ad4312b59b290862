// Shared setup for the rotation tests: a fresh data directory, an unlocked vault, the OKX simulator, and helpers
// that put a key both on the simulator and into Keywarden.
import { randomBytes, randomUUID } from "node:crypto";
import type { OkxSim } from "@/tests/okx-sim";
import { integrationEnv } from "../../support/integration-env";
import { runKillableStep } from "../../support/killable-step";

export const MASTER = "copper-violin-tundra-57";
export const CALLER_IP = "203.0.113.10";

export interface Libs {
  dbmod: typeof import("@/lib/db/client");
  vault: typeof import("@/lib/vault/vault");
  keys: typeof import("@/lib/keys/key-store");
  creds: typeof import("@/lib/keys/credentials");
  checks: typeof import("@/lib/checks/check-key");
  rotation: typeof import("@/lib/rotation");
  store: typeof import("@/lib/rotation/rotation-store");
  okx: typeof import("@/lib/okx/default-client");
  reports: typeof import("@/lib/reports/vault-report");
}

export async function importLibs(): Promise<Libs> {
  return {
    dbmod: await import("@/lib/db/client"),
    vault: await import("@/lib/vault/vault"),
    keys: await import("@/lib/keys/key-store"),
    creds: await import("@/lib/keys/credentials"),
    checks: await import("@/lib/checks/check-key"),
    rotation: await import("@/lib/rotation"),
    store: await import("@/lib/rotation/rotation-store"),
    okx: await import("@/lib/okx/default-client"),
    reports: await import("@/lib/reports/vault-report"),
  };
}

/**
 * A fresh data directory, the simulator and an unlocked vault for the file (integration-env.ts), torn down after it.
 * Call at the top of a test file; `setup()` inside its beforeAll hands out what was made.
 */
export function rotationEnv(): { setup: () => Promise<{ dir: string; sim: OkxSim; libs: Libs }> } {
  const env = integrationEnv({ prefix: "kw-rotation-", sim: { callerIp: CALLER_IP }, vault: MASTER });
  return { setup: async () => ({ dir: env.dir, sim: env.sim, libs: await importLibs() }) };
}

/**
 * rotationEnv for a flow whose every step runs in its own process that is then SIGKILLed (support/killable-step.ts):
 * `runStep` runs one step of `runner` on this file's data directory and simulator, and with `midStep` kills it
 * `midStepMs` into the step instead of after it returned.
 */
export function killableFlowEnv<R = unknown>(runner: string, midStepMs: number) {
  const env = rotationEnv();
  let made: { dir: string; sim: OkxSim } | undefined;
  return {
    setup: async () => (made = await env.setup()),
    runStep: (step: string, args: Record<string, unknown>, opts: { midStep?: boolean } = {}) => {
      if (!made) throw new Error(`${step}: runStep before setup()`);
      const stepEnv = { runner, dataDir: made.dir, okxBaseUrl: made.sim.baseUrlEnv, master: MASTER };
      return runKillableStep<R>(stepEnv, step, args, opts.midStep ? { midStepMs } : {});
    },
  };
}

/** Every secret a test created, so the audit log and DTOs can be searched for them. */
export const secretsSeen: string[] = [MASTER];

export interface SimKeySpec {
  uid: string;
  perm: string;
  ip?: string[];
  subAcct?: string;
  label?: string;
  /** The OKX entity whose host knows the key (default global). */
  region?: "global" | "eea" | "us";
}

export interface MadeKey {
  apiKey: string;
  secretKey: string;
  passphrase: string;
}

const accounts = new WeakMap<OkxSim, Set<string>>();

export function ensureAccount(sim: OkxSim, uid: string, subAccounts: { subAcct: string; uid: string }[] = []) {
  let known = accounts.get(sim);
  if (!known) accounts.set(sim, (known = new Set()));
  if (known.has(uid)) return;
  sim.addAccount({ uid, subAccounts });
  known.add(uid);
  for (const s of subAccounts) known.add(s.uid);
}

export function simKey(sim: OkxSim, spec: SimKeySpec): MadeKey {
  const k = { apiKey: randomUUID(), secretKey: randomBytes(16).toString("hex").toUpperCase(), passphrase: `Pp-${randomBytes(6).toString("hex")}` };
  sim.addKey({ ...k, label: spec.label ?? "okx label", perm: spec.perm, ip: spec.ip ?? [], uid: spec.uid, subAcct: spec.subAcct, region: spec.region });
  secretsSeen.push(k.secretKey, k.passphrase);
  return k;
}

export function keyInput(k: MadeKey, meta: { label: string; purpose?: string; usedBy?: string }) {
  return {
    label: meta.label,
    region: "global",
    demo: false,
    purpose: meta.purpose ?? "trade",
    usedBy: meta.usedBy ?? "",
    createdOn: "2026-01-10",
    notes: "",
    ...k,
  };
}

/** The audit log as stored, and a check that no secret of this test run is in it. */
export async function auditActions(libs: Libs): Promise<{ actions: string[]; raw: string }> {
  const prisma = await libs.dbmod.db();
  const events = await prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
  return { actions: events.map((e) => e.action), raw: JSON.stringify(events) };
}
