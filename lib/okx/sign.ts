// OKX v5 request signing (okx-api.md, "Signing a private REST request").
import { createHmac } from "node:crypto";

export type HttpMethod = "GET" | "POST";

export interface SignInput {
  /** ISO-8601 UTC with milliseconds, exactly as sent in OK-ACCESS-TIMESTAMP. */
  timestamp: string;
  method: HttpMethod;
  /** Path including the query string exactly as sent, e.g. `/api/v5/users/subaccount/apikey?subAcct=a`. */
  requestPath: string;
  /** The exact body bytes sent ("" for GET). */
  body: string;
  secretKey: string;
}

/** Base64(HMAC-SHA256(secretKey, timestamp + METHOD + requestPath + body)). */
export function signRequest(input: SignInput): string {
  const prehash = input.timestamp + input.method.toUpperCase() + input.requestPath + input.body;
  return createHmac("sha256", input.secretKey).update(prehash, "utf8").digest("base64");
}

/** OKX wants milliseconds and a trailing Z; Date#toISOString gives exactly that. */
export function okxTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export interface AuthHeaderInput extends SignInput {
  apiKey: string;
  passphrase: string;
  demo: boolean;
}

/** All headers of a signed private request. Demo keys are only accepted with x-simulated-trading: 1. */
export function buildAuthHeaders(input: AuthHeaderInput): Record<string, string> {
  const headers: Record<string, string> = {
    "OK-ACCESS-KEY": input.apiKey,
    "OK-ACCESS-SIGN": signRequest(input),
    "OK-ACCESS-TIMESTAMP": input.timestamp,
    "OK-ACCESS-PASSPHRASE": input.passphrase,
    "Content-Type": "application/json",
    Accept: "application/json",
  };
  if (input.demo) headers["x-simulated-trading"] = "1";
  return headers;
}
