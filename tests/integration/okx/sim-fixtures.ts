// Shared setup for client tests against the OKX simulator.
import { randomUUID } from "node:crypto";
import { OkxClient, type OkxClientOptions } from "@/lib/okx/client";
import type { OkxCredentials } from "@/lib/okx/types";
import type { OkxSim, Region, SimAccountInput } from "../../okx-sim";

export const CALLER_IP = "203.0.113.10";

let counter = 0;
/** Adds a key to the sim (account created on demand) and returns the matching credentials. */
export function addSimKey(
  sim: OkxSim,
  opts: {
    uid: string;
    perm?: string;
    ip?: string[];
    demo?: boolean;
    region?: Region;
    mainUid?: string;
    label?: string;
    createdDaysAgo?: number;
    lastUsedDaysAgo?: number;
    subAcct?: string;
  },
): OkxCredentials {
  const n = ++counter;
  const region = opts.region ?? "global";
  ensureAccount(sim, opts.uid, opts.mainUid);
  // Shaped like the keys OKX issues: the simulator answers anything else with 50111.
  const apiKey = randomUUID();
  const secretKey = `SECRET${n}X${Math.random().toString(36).slice(2)}`.toUpperCase();
  const passphrase = `Pass-${n}-phrase`;
  sim.addKey({
    apiKey,
    secretKey,
    passphrase,
    label: opts.label ?? `key ${n}`,
    perm: opts.perm ?? "read_only",
    ip: opts.ip ?? [],
    demo: opts.demo ?? false,
    region,
    uid: opts.uid,
    subAcct: opts.subAcct,
    createdDaysAgo: opts.createdDaysAgo,
    lastUsedDaysAgo: opts.lastUsedDaysAgo,
  });
  return { apiKey, secretKey, passphrase, region, demo: opts.demo ?? false };
}

const known = new WeakMap<OkxSim, Set<string>>();
function knownUids(sim: OkxSim): Set<string> {
  let set = known.get(sim);
  if (!set) known.set(sim, (set = new Set()));
  return set;
}

/** sim.addAccount, remembered so addSimKey does not create the account again. */
export function addSimAccount(sim: OkxSim, a: SimAccountInput): void {
  sim.addAccount(a);
  knownUids(sim).add(a.uid);
  for (const s of a.subAccounts ?? []) knownUids(sim).add(s.uid);
}

function ensureAccount(sim: OkxSim, uid: string, mainUid?: string): void {
  if (!knownUids(sim).has(uid)) addSimAccount(sim, { uid, mainUid });
}

export function simClient(sim: OkxSim, opts: OkxClientOptions = {}): OkxClient {
  return new OkxClient({ env: { OKX_API_BASE_URL: sim.baseUrlEnv }, backoffBaseMs: 20, timeoutMs: 1500, ...opts });
}

/** fetch that lets a test tamper with outgoing headers (to provoke OKX's header errors). */
export function tamperingFetch(edit: (headers: Record<string, string>, url: string) => void): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    if (!String(input).includes("/public/time")) edit(headers, String(input));
    return fetch(input, { ...init, headers });
  }) as typeof fetch;
}
