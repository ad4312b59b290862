// Who a consumer is. The same app is typed in many ways across keys ("Freqtrade @ VPS-1", "freqtrade  @ vps-1") and
// the scan adds files as "<folder> @ <this machine's hostname>": one consumer is one normalized name on one
// normalized host, so it matches the shared-key rule (lib/audit/rules/shared.ts), where the same app on two hosts
// is two machines holding the key. The files a scan found (paths) are where that consumer keeps the key, not part of
// who it is. Pure: the pages, the CLI and the incident share it.
import { consumerText, type Consumer } from "@/lib/domain";

const clean = (s: string | undefined) => (s ?? "").trim().replace(/\s+/g, " ");

/** "freqtrade @ vps-1", or "koinly.io import" without a host: lower case, spaces collapsed. */
export function consumerId(c: Pick<Consumer, "name" | "host">): string {
  const name = clean(c.name).toLowerCase();
  const host = clean(c.host).toLowerCase();
  return consumerText({ name, host });
}

/** The id as a URL path segment (the page route decodes it back). */
export function consumerHref(id: string): string {
  return `/consumers/${encodeURIComponent(id)}`;
}

/** What a user types on the command line ("Freqtrade @ VPS-1", or just "freqtrade") → the id it names, normalized. */
export function consumerQuery(text: string): { name: string; host: string | null } {
  const at = text.lastIndexOf("@");
  const name = clean(at >= 0 ? text.slice(0, at) : text).toLowerCase();
  const host = at >= 0 ? clean(text.slice(at + 1)).toLowerCase() : null;
  return { name, host: host || null };
}

/** The consumer as typed, spaces collapsed but case kept ("Freqtrade @ VPS-1"). */
export function displayName(c: Pick<Consumer, "name" | "host">): string {
  return consumerText({ name: clean(c.name), host: c.host && clean(c.host) });
}
