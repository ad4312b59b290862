// Which OKX host a key talks to. Keys belong to one OKX entity, and a key sent to another entity's host
// fails with 50119, so the region is a per-key setting (found by lib/okx/entity-detection.ts when unknown).
import { isRegion, type Region } from "@/lib/domain";

export const REGION_PRESETS: Readonly<Record<Region, string>> = {
  global: "https://www.okx.com",
  // okx-api.md: OKX's EEA API docs and staff name eea.okx.com for the API; my.okx.com is the website (still
  // accepted as a key's own host, since users report it answers /api/v5 too).
  eea: "https://eea.okx.com",
  // verify: okx-api.md marks the US host as unconfirmed (the okx-api npm client uses https://us.okx.com).
  us: "https://app.okx.com",
};

/** Thrown when OKX_API_BASE_URL cannot be understood; we refuse to guess where signed requests go. */
export class BaseUrlConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaseUrlConfigError";
  }
}

function normaliseUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BaseUrlConfigError(`${source}: "${raw.trim()}" is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new BaseUrlConfigError(`${source}: only http(s) URLs are allowed`);
  }
  if (url.search || url.hash) throw new BaseUrlConfigError(`${source}: the URL must not carry a query or fragment`);
  // Request paths start with "/api/v5", so a trailing slash would double it.
  return url.toString().replace(/\/+$/, "");
}

/**
 * Parses OKX_API_BASE_URL: either one URL for every region, or `global=URL,eea=URL,us=URL`
 * (regions left out fall back to their preset). Returns null when unset or blank.
 */
export function parseBaseUrlOverride(value: string | undefined): Partial<Record<Region, string>> | null {
  if (value === undefined || value.trim() === "") return null;
  const source = "OKX_API_BASE_URL";
  // "region=URL,..." starts with a bare word and "="; anything else is one URL (which may hold "=" in it).
  if (!/^\s*[a-z]+\s*=/i.test(value)) {
    const url = normaliseUrl(value, source);
    return { global: url, eea: url, us: url };
  }
  const out: Partial<Record<Region, string>> = {};
  for (const part of value.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) throw new BaseUrlConfigError(`${source}: expected region=URL, got "${part.trim()}"`);
    const region = part.slice(0, eq).trim().toLowerCase();
    if (!isRegion(region)) throw new BaseUrlConfigError(`${source}: unknown region "${region}" (use global, eea or us)`);
    if (out[region]) throw new BaseUrlConfigError(`${source}: region "${region}" is given twice`);
    out[region] = normaliseUrl(part.slice(eq + 1), `${source} (${region})`);
  }
  return out;
}

/**
 * The base URL (no trailing slash) for a key: the app-wide OKX_API_BASE_URL override first (it points everything
 * at a simulator or proxy, so nothing may bypass it), then the key's own host, then the region's preset.
 */
export function resolveBaseUrl(region: Region, env: Record<string, string | undefined> = process.env, keyHost?: string | null): string {
  if (!isRegion(region)) throw new BaseUrlConfigError(`Unknown OKX region "${String(region)}"`);
  const override = parseBaseUrlOverride(env.OKX_API_BASE_URL);
  return override?.[region] ?? (keyHost ? keyHost.replace(/\/+$/, "") : REGION_PRESETS[region]);
}
