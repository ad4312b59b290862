// Parsing of the comma lists OKX uses for perm and ip, shared by the seed loader and the sub-account API.
import { BlockList, isIP } from "node:net";
import type { Perm } from "./types";

const PERM_ORDER: readonly Perm[] = ["read_only", "withdraw", "trade"]; // OKX's own example order

export const MAX_IPS = 20;

/** Parses "read_only,trade" (or an array); read_only is always implied. Throws on unknown values. */
export function parsePerm(perm: string | readonly string[]): Perm[] {
  const parts = (typeof perm === "string" ? perm.split(",") : [...perm]).map((p) => p.trim()).filter(Boolean);
  for (const p of parts) {
    if (!(PERM_ORDER as readonly string[]).includes(p)) throw new Error(`unknown perm "${p}"`);
  }
  return PERM_ORDER.filter((p) => p === "read_only" || parts.includes(p));
}

/** "10.0.0.0/8" → ["10.0.0.0", 8]; null when the text is not an address or a network segment (CIDR). */
function parseEntry(entry: string): { address: string; family: "ipv4" | "ipv6"; prefix: number | null } | null {
  const slash = entry.indexOf("/");
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const v = isIP(address);
  if (v === 0) return null;
  const family = v === 4 ? "ipv4" : "ipv6";
  if (slash === -1) return { address, family, prefix: null };
  const bits = entry.slice(slash + 1);
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= (v === 4 ? 32 : 128))) return null;
  return { address, family, prefix };
}

export class TooManyIpsError extends Error {}

/**
 * Parses "1.2.3.4,10.0.0.0/24" (commas or spaces, as okx.com accepts) or an array: IPv4, IPv6 or network segments
 * (CIDR), as OKX's allowlists take. Throws on a bad entry, TooManyIpsError on more than 20.
 */
export function parseIps(ip: string | readonly string[] | undefined): string[] {
  if (ip === undefined) return [];
  const parts = (typeof ip === "string" ? ip.split(/[\s,]+/) : [...ip]).map((p) => p.trim()).filter(Boolean);
  for (const p of parts) if (!parseEntry(p)) throw new Error(`invalid ip "${p}"`);
  const unique = [...new Set(parts)];
  if (unique.length > MAX_IPS) throw new TooManyIpsError(`more than ${MAX_IPS} ips`);
  return unique;
}

/** Whether the caller's address is in the allowlist (an exact address or inside one of its segments). */
export function ipAllowed(allowlist: readonly string[], callerIp: string): boolean {
  const callerFamily = isIP(callerIp);
  if (callerFamily === 0) return false;
  const list = new BlockList();
  for (const entry of allowlist) {
    const e = parseEntry(entry);
    if (!e) continue;
    if (e.prefix === null) list.addAddress(e.address, e.family);
    else list.addSubnet(e.address, e.prefix, e.family);
  }
  return list.check(callerIp, callerFamily === 4 ? "ipv4" : "ipv6");
}

export const permString = (perm: readonly Perm[]): string => perm.join(",");
export const ipString = (ip: readonly string[]): string => ip.join(",");
