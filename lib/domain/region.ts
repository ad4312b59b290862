// The OKX entity a key belongs to. Each entity's host knows only its own keys (okx-api.md), so the region is
// stored per key; lib/okx/regions.ts maps it to a host.
import { isOneOf } from "./is-one-of";

export const REGIONS = ["global", "eea", "us"] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABELS: Record<Region, string> = {
  global: "Global (www.okx.com)",
  eea: "EEA (eea.okx.com)",
  // okx-api.md marks the US host as unconfirmed: the form says so and offers the key-specific host below.
  us: "US (app.okx.com, unconfirmed)",
};

const REGION_NAMES: Record<Region, string> = { global: "Global", eea: "EEA", us: "US" };

export const isRegion = isOneOf(REGIONS);

/** The entity's short name inside a sentence ("Found on EEA, https://eea.okx.com"). */
export function regionName(region: Region): string {
  return REGION_NAMES[region];
}
