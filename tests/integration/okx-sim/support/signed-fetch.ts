// Hand-signed raw requests to the simulator, so every header and byte can be controlled per test.
import { okxSign, type OkxSim } from "@/tests/okx-sim";

export interface Creds {
  apiKey: string;
  secretKey: string;
  passphrase: string;
}

export interface SignedOpts {
  method?: "GET" | "POST";
  body?: string | Record<string, unknown>;
  /** Timestamp header value; default: ISO of `now`. */
  timestamp?: string;
  /** Clock used for the default timestamp; default Date.now(). Pass sim.clock.serverNow after advancing. */
  now?: number;
  demo?: boolean;
  /** Header names to leave out (e.g. "OK-ACCESS-SIGN"). */
  omit?: string[];
  /** Replaces computed header values (after signing). */
  override?: Record<string, string>;
  signal?: AbortSignal;
}

export interface OkxReply {
  status: number;
  json: { code: string; msg: string; data: Record<string, unknown>[] };
}

export async function signedFetch(baseUrl: string, creds: Creds, path: string, o: SignedOpts = {}): Promise<OkxReply> {
  const method = o.method ?? "GET";
  const body = o.body === undefined ? "" : typeof o.body === "string" ? o.body : JSON.stringify(o.body);
  const timestamp = o.timestamp ?? new Date(o.now ?? Date.now()).toISOString();
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "OK-ACCESS-KEY": creds.apiKey,
    "OK-ACCESS-PASSPHRASE": creds.passphrase,
    "OK-ACCESS-TIMESTAMP": timestamp,
    "OK-ACCESS-SIGN": okxSign(creds.secretKey, timestamp, method, path, body),
  };
  if (o.demo) headers["x-simulated-trading"] = "1";
  for (const h of o.omit ?? []) delete headers[h];
  Object.assign(headers, o.override);
  const res = await fetch(baseUrl + path, { method, headers, body: method === "POST" ? body : undefined, signal: o.signal });
  return { status: res.status, json: (await res.json()) as OkxReply["json"] };
}

/** A signed call whose timestamp follows the sim's server clock (needed after clock.advance / set). */
export const simFetch = (sim: OkxSim, baseUrl: string, creds: Creds, path: string, o: SignedOpts = {}) =>
  signedFetch(baseUrl, creds, path, { now: sim.clock.serverNow(), ...o });
