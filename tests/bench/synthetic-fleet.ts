// A deterministic, varied fleet for the audit and page benchmarks: purposes, regions, demo keys, sub-accounts,
// shared keys, ages from days to years, and check histories that mix ok replies (with perm / IP drift) with
// every failure outcome, so each audit rule has something to chew on.
import type { AuditCheck, AuditKey } from "@/lib/audit";
import type { CheckOutcome, Perm, Purpose, Region } from "@/lib/domain";

const DAY_MS = 86_400_000;

/** Small seeded PRNG (mulberry32): the same fleet on every run, so runs compare. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PURPOSES: Purpose[] = ["read", "read", "read", "trade", "trade", "withdraw"];
const REGIONS: Region[] = ["global", "global", "global", "eea", "us"];
const PERM_SETS: Perm[][] = [["read_only"], ["read_only", "trade"], ["read_only", "withdraw", "trade"], ["read_only", "withdraw"]];
const IP_SETS: string[][] = [[], ["203.0.113.10"], ["203.0.113.10", "198.51.100.7"], ["198.51.100.23"]];
const FAILURES: { outcome: CheckOutcome; code: string; message: string }[] = [
  { outcome: "auth_error", code: "50111", message: "Invalid OK-ACCESS-KEY" },
  { outcome: "ip_blocked", code: "50110", message: "Your IP is not in the key's IP whitelist" },
  { outcome: "rate_limited", code: "50011", message: "Too Many Requests" },
  { outcome: "network_error", code: "", message: "Could not reach OKX" },
  { outcome: "error", code: "50100", message: "Account frozen" },
];

export interface SyntheticKey {
  key: AuditKey;
  checks: AuditCheck[];
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** `count` keys with `checksPerKey` checks each, newest check first (as lib/reports loads them). */
export function syntheticFleet(count: number, checksPerKey: number, now: Date, seed = 42): SyntheticKey[] {
  const r = rng(seed);
  let checkId = 0;
  const out: SyntheticKey[] = [];
  for (let i = 0; i < count; i++) {
    const ageDays = Math.floor(r() ** 2 * 700);
    const createdOn = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ageDays * DAY_MS);
    // Every 40th key shares its public key with the previous one: the shared-key rule fires.
    const digestIndex = i % 40 === 39 ? i - 1 : i;
    const key: AuditKey = {
      id: `k${String(i).padStart(5, "0")}`,
      label: `bench key ${String(i).padStart(4, "0")}`,
      fingerprint: `${(i * 7919).toString(16).padStart(4, "0").slice(-4)}…${(i * 104729).toString(16).slice(-4)}`,
      purpose: pick(r, PURPOSES),
      demo: r() < 0.05,
      region: pick(r, REGIONS),
      createdOn,
      createdOnSource: pick(r, ["user", "added", "okx"] as const),
      addedAt: new Date(createdOn.getTime() + DAY_MS),
      consumers: r() < 0.3 ? [] : [{ name: `bot-${i % 17}`, ...(r() < 0.5 ? { host: `10.0.${i % 7}.${i % 250}` } : {}) }],
      apiKeyDigest: `digest-${digestIndex}`,
      status: r() < 0.03 ? "retired" : "active",
      subAcct: r() < 0.2 ? `sub-${i % 9}` : null,
      parentKeyId: null,
      managesSubAccounts: false,
      listing: null,
    };
    const perm = pick(r, PERM_SETS);
    const ip = pick(r, IP_SETS);
    const uid = `4482033${String(i % 50).padStart(8, "0")}`;
    const lastCheckDaysAgo = r() < 0.15 ? 10 + Math.floor(r() * 30) : r() * 2;
    const checks: AuditCheck[] = [];
    for (let c = 0; c < checksPerKey; c++) {
      const at = new Date(now.getTime() - (lastCheckDaysAgo + c * 0.5) * DAY_MS);
      const fail = r() < 0.12 ? pick(r, FAILURES) : null;
      // Older history sometimes had other perms / IPs: the drift rule compares the last two ok checks.
      const drift = c > 0 && r() < 0.05;
      checks.push(
        fail
          ? { id: ++checkId, at, ...fail, perm: null, ip: null, uid: null, mainUid: null, label: null }
          : {
              id: ++checkId,
              at,
              outcome: "ok",
              code: "0",
              message: "",
              perm: drift ? pick(r, PERM_SETS) : perm,
              ip: drift ? pick(r, IP_SETS) : ip,
              uid,
              mainUid: key.subAcct ? "448203300000000" : uid,
              label: `okx label ${i}`,
            },
      );
    }
    out.push({ key, checks });
  }
  return out;
}
