// The shared setup of an integration test file: its own data directory with a migrated SQLite file, optionally the
// OKX simulator (OKX_API_BASE_URL pointed at it) and a created, unlocked vault; all of it torn down after the file.
// Call it at the top of the file, before the file's own beforeAll: hooks run in that order, and the teardown last.
import fs from "node:fs";
import { afterAll, beforeAll } from "vitest";
import type { OkxClient } from "@/lib/okx/client";
import type { OkxCredentials } from "@/lib/okx/types";
import { startOkxSim, type OkxSim, type StartOkxSimOptions } from "../okx-sim";
import { migrateFreshDataDir } from "./data-dir";

export interface IntegrationEnvOptions {
  /** The data directory's name prefix (what a leftover directory in /tmp is recognised by). */
  prefix: string;
  /** Start the simulator with these options. */
  sim?: StartOkxSimOptions;
  /** Create the vault with this master passphrase; it stays unlocked for the file. */
  vault?: string;
  /** The process-wide OKX client for the file (made after the simulator is up); default: a fresh default one. */
  client?: () => Promise<OkxClient>;
}

export interface IntegrationEnv {
  readonly dir: string;
  /** Only with the `sim` option. */
  readonly sim: OkxSim;
}

export function integrationEnv(opts: IntegrationEnvOptions): IntegrationEnv {
  let dir: string | undefined;
  let sim: OkxSim | undefined;
  beforeAll(async () => {
    dir = await migrateFreshDataDir(opts.prefix);
    if (opts.sim) {
      sim = await startOkxSim(opts.sim);
      process.env.OKX_API_BASE_URL = sim.baseUrlEnv;
    }
    const okx = await import("@/lib/okx/default-client");
    okx.setDefaultOkxClient(opts.client ? await opts.client() : undefined);
    if (opts.vault) await (await import("@/lib/vault/vault")).createVault(opts.vault);
  });
  afterAll(async () => {
    await sim?.close();
    await (await import("@/lib/db/client")).closeDb();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`integrationEnv: ${what} is not set up (read it inside a hook or test, and pass the option).`);
    return v;
  };
  return {
    get dir() {
      return ready(dir, "the data directory");
    },
    get sim() {
      return ready(sim, "the simulator");
    },
  };
}

/** A client that fails fast: retries after 20 ms, gives up on a silent host after 1.5 s. */
export async function fastClient(): Promise<OkxClient> {
  const { OkxClient } = await import("@/lib/okx/client");
  return new OkxClient({ backoffBaseMs: 20, timeoutMs: 1500 });
}

/**
 * Stores OKX credentials (usually a simulator key) as a Keywarden key with plain metadata: a trading key with no
 * consumers or notes, entered as created on 2026-01-10 unless `meta` says otherwise. Returns the key's id.
 */
export async function storeCredentials(creds: OkxCredentials, meta: { label: string; purpose?: "read" | "trade"; createdOn?: string }): Promise<string> {
  const { addKey } = await import("@/lib/keys/key-store");
  const dto = await addKey({
    label: meta.label,
    region: creds.region,
    demo: creds.demo,
    purpose: meta.purpose ?? "trade",
    usedBy: "",
    createdOn: meta.createdOn ?? "2026-01-10",
    notes: "",
    apiKey: creds.apiKey,
    secretKey: creds.secretKey,
    passphrase: creds.passphrase,
  });
  return dto.id;
}
