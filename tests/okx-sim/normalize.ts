// Parsing of the comma lists OKX uses for perm and ip, shared by the seed loader and the sub-account API.
import { isIP } from "node:net";
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

/** Parses "1.2.3.4,5.6.7.8" (commas or spaces, as okx.com accepts) or an array. Throws on bad IPs or > 20. */
export function parseIps(ip: string | readonly string[] | undefined): string[] {
  if (ip === undefined) return [];
  const parts = (typeof ip === "string" ? ip.split(/[\s,]+/) : [...ip]).map((p) => p.trim()).filter(Boolean);
  for (const p of parts) if (isIP(p) === 0) throw new Error(`invalid ip "${p}"`);
  const unique = [...new Set(parts)];
  if (unique.length > MAX_IPS) throw new Error(`more than ${MAX_IPS} ips`);
  return unique;
}

export const permString = (perm: readonly Perm[]): string => perm.join(",");
export const ipString = (ip: readonly string[]): string => ip.join(",");
