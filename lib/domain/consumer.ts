// Where a key is used: an app, optionally on a host, optionally with the file a local scan found the key in.
// Written as text in the form and the CLI ("bot-1 @ 10.0.0.5 file:/home/me/bot/.env") and stored as JSON on the key.
// Who a consumer is across keys (normalized name and host) is lib/consumers/consumer-identity.ts.

export interface Consumer {
  name: string;
  host?: string;
  /** The file the local scan found the key in (absolute path); absent on consumers typed in by hand. */
  path?: string;
}

/** "bot-1 @ 10.0.0.5", or "bot-1" without a host: the consumer as pages, exports and the CLI name it. */
export function consumerText(c: Pick<Consumer, "name" | "host">): string {
  return c.host ? `${c.name} @ ${c.host}` : c.name;
}

/** How a consumer is written in the form and the CLI: "bot-1 @ 10.0.0.5 file:/home/me/bot/.env" (host and file optional). */
export function consumerLine(c: Consumer): string {
  return `${consumerText(c)}${c.path ? ` file:${c.path}` : ""}`;
}

/**
 * One trimmed line of that text → a consumer, not yet validated (lib/keys/key-schema.ts checks the lengths).
 * The host is what follows the first "@"; a trailing "file:/path" is the scan's location.
 */
export function parseConsumerLine(line: string): Consumer {
  const file = /\s+file:(\/.*)$/.exec(line);
  const rest = file ? line.slice(0, file.index) : line;
  const at = rest.indexOf("@");
  const name = (at >= 0 ? rest.slice(0, at) : rest).trim();
  const host = at >= 0 ? rest.slice(at + 1).trim() : "";
  return { name, ...(host ? { host } : {}), ...(file ? { path: file[1].trim() } : {}) };
}

/** The key's stored consumers (its usedBy JSON); an unreadable value reads as none rather than failing the page. */
export function parseConsumers(json: string): Consumer[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((c) => c && typeof c.name === "string") : [];
  } catch {
    return [];
  }
}
