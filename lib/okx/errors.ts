// One error type for everything that can go wrong talking to OKX, with plain-English advice
// (okx-api.md, "Error codes to map to plain advice"). No secret ever goes into these messages.
// Everything is decided on OKX's `code`, never on the HTTP status: OKX sends 50119 and 50120 with 200, 50100
// with 400, 50035 with 403 and 50011 with 429 or 200.

/** "refused": OKX turned down a sub-account key request as built (59501–59505); its own message says why. */
export type OkxErrorKind = "auth" | "ip" | "rate" | "network" | "server" | "permission" | "frozen" | "refused" | "bug" | "unknown";

interface CodeInfo {
  kind: OkxErrorKind;
  advice: string;
}

const HEADER_BUG = "A required request header was missing. This is a bug in Keywarden: please report it.";

/** Every code in okx-api.md's table. 50102's advice is completed with the measured skew at runtime. */
export const OKX_ERROR_CODES: Readonly<Record<string, CodeInfo>> = {
  "50011": {
    kind: "rate",
    advice: "OKX's rate limit was hit. Keywarden backs off and retries; if it keeps happening, another app on the same account is using up the limit.",
  },
  "50001": { kind: "server", advice: "OKX's service is temporarily unavailable. Keywarden retries reads; try again later." },
  "50004": { kind: "server", advice: "OKX's endpoint timed out. Keywarden retries reads; try again later." },
  "50013": { kind: "server", advice: "OKX's systems are busy (a server-side problem, not the key). Try again later." },
  "50026": { kind: "server", advice: "OKX reported a system error (not the key). Try again later." },
  "50035": {
    kind: "permission",
    advice:
      "OKX only allows this call with an API key bound to IP addresses. Managing sub-account keys needs the master key bound to this machine's IP on okx.com (Profile → API → Edit); until then, rotate the key guided.",
  },
  "50100": {
    kind: "frozen",
    advice: "OKX has frozen this API key (the key, not necessarily the account). Contact OKX support; a frozen key cannot be unfrozen from Keywarden.",
  },
  "50101": {
    kind: "auth",
    advice: "The key does not match this environment: demo-trading keys only work in demo mode and live keys only in live mode. Check the key's Demo flag.",
  },
  "50102": {
    kind: "auth",
    advice: "OKX rejected the request time: this machine's clock is off. Sync the system clock (NTP).",
  },
  "50103": { kind: "bug", advice: HEADER_BUG },
  "50104": { kind: "bug", advice: HEADER_BUG },
  "50105": { kind: "auth", advice: "The passphrase is incorrect. Re-enter the passphrase you chose when creating the key." },
  "50106": { kind: "bug", advice: HEADER_BUG },
  "50107": { kind: "bug", advice: HEADER_BUG },
  "50110": {
    kind: "ip",
    advice: "This machine's IP address is not bound to the key. That is expected for a key bound to a server's IP, and the check still proves the key exists.",
  },
  "50111": {
    kind: "auth",
    advice:
      "OKX calls this API key invalid: it is malformed or mistyped (OKX issues keys shaped like a UUID). Re-enter the API key exactly as okx.com shows it.",
  },
  "50112": { kind: "bug", advice: "OKX rejected the timestamp format. This is a bug in Keywarden: please report it." },
  "50113": { kind: "auth", advice: "The signature is invalid: the secret key is wrong. Re-enter the secret key." },
  "50119": {
    kind: "auth",
    advice:
      "OKX's host for this entity does not know the key: it belongs to another OKX entity (each entity's host knows only its own keys), or it was deleted (by you, by OKX after 14 days unused, or by a rotation).",
  },
  "50120": {
    kind: "permission",
    advice: "The key lacks the permission for this call (for example sub-account management with a read-only key).",
  },
  "50061": { kind: "rate", advice: "OKX's rate limit was hit. Keywarden backs off and retries." },
  "59500": {
    kind: "permission",
    advice: "Only a master account's API key may manage sub-account keys, and this is a sub-account's key. Use the master account's key, or rotate guided.",
  },
  "59501": {
    kind: "refused",
    advice: "The account already has the 50 API keys OKX allows. Delete keys that are no longer used on okx.com, then try again.",
  },
  "59502": {
    kind: "refused",
    advice: "Another key of this sub-account already has that note name: OKX wants a unique note. Keywarden built the request wrong; please report it.",
  },
  "59503": { kind: "refused", advice: "OKX binds at most 20 IP addresses or network segments to a key: shorten the list." },
  "59504": { kind: "refused", advice: "Sub-account keys cannot have the Withdraw permission: Keywarden built the request wrong; please report it." },
  "59505": {
    kind: "refused",
    advice:
      "OKX refused the passphrase format (8–32 characters with a digit, upper and lower case and a special character): Keywarden built the request wrong; please report it.",
  },
  "59508": { kind: "frozen", advice: "OKX has suspended this sub-account. Check its status on okx.com (Profile → Sub-accounts)." },
};

const RETRYABLE_KINDS: ReadonlySet<OkxErrorKind> = new Set(["rate", "network", "server"]);

export interface OkxErrorInit {
  code: string;
  msg: string;
  httpStatus: number | null;
  kind: OkxErrorKind;
  advice: string;
  retryable?: boolean;
  /** Measured server-minus-local clock difference when known (ms). */
  skewMs?: number | null;
  /** Round-trip time of the attempt that produced this error (ms). */
  latencyMs?: number | null;
  /** "GET /api/v5/account/config": where it happened, never with the query string or headers. */
  endpoint?: string;
}

export class OkxError extends Error {
  readonly code: string;
  readonly msg: string;
  readonly httpStatus: number | null;
  readonly kind: OkxErrorKind;
  readonly advice: string;
  readonly retryable: boolean;
  readonly skewMs: number | null;
  latencyMs: number | null;
  readonly endpoint: string | undefined;

  constructor(init: OkxErrorInit) {
    const prefix = init.code ? `OKX ${init.code}` : `OKX ${init.kind} error`;
    super(`${prefix}: ${init.msg || init.advice}`);
    this.name = "OkxError";
    this.code = init.code;
    this.msg = init.msg;
    this.httpStatus = init.httpStatus;
    this.kind = init.kind;
    this.advice = init.advice;
    this.retryable = init.retryable ?? RETRYABLE_KINDS.has(init.kind);
    this.skewMs = init.skewMs ?? null;
    this.latencyMs = init.latencyMs ?? null;
    this.endpoint = init.endpoint;
  }
}

export function isOkxError(e: unknown): e is OkxError {
  return e instanceof OkxError;
}

/** "41 s ahead" / "3.2 s behind": how this machine's clock compares with OKX's. */
export function describeSkew(skewMs: number): string {
  // skew = server - local, so a negative skew means the local clock runs ahead.
  const abs = Math.abs(skewMs);
  const amount = abs >= 10_000 ? `${Math.round(abs / 1000)} s` : abs >= 1000 ? `${(abs / 1000).toFixed(1)} s` : `${Math.round(abs)} ms`;
  if (abs < 1) return "in sync with OKX";
  return `${amount} ${skewMs < 0 ? "ahead of" : "behind"} OKX`;
}

function skewAdvice(skewMs: number | null | undefined): string {
  const base = OKX_ERROR_CODES["50102"].advice;
  if (skewMs === null || skewMs === undefined) return `${base} The clock difference could not be measured.`;
  return `${base} Your clock is ${describeSkew(skewMs)} (measured with /api/v5/public/time; Keywarden corrects for it, so a rejection means the clock moved since).`;
}

/**
 * The plain advice for an OKX code, for showing next to a stored check's code and message. Derived from
 * the same table the client uses, so stored rows never carry a copy that could go stale. null for codes
 * not in the table (and for "", our own failures, whose stored message already is the advice).
 */
export function adviceForCode(code: string, skewMs?: number | null): string | null {
  if (code === "50102") return skewAdvice(skewMs);
  return OKX_ERROR_CODES[code]?.advice ?? null;
}

export interface FromResponseContext {
  skewMs?: number | null;
  latencyMs?: number | null;
  endpoint?: string;
}

/** Builds the error for an OKX reply with a non-zero code. Unknown codes keep OKX's code and message. */
export function okxErrorFromCode(code: string, msg: string, httpStatus: number | null, ctx: FromResponseContext = {}): OkxError {
  const info = OKX_ERROR_CODES[code];
  if (info) {
    return new OkxError({
      code,
      msg,
      httpStatus,
      kind: info.kind,
      advice: code === "50102" ? skewAdvice(ctx.skewMs) : info.advice,
      ...ctx,
    });
  }
  // Not in our table: shown with OKX's own code and message and never retried. The HTTP status is no guide
  // (OKX answers some auth errors with 200 and some with 401), so it is not used to guess.
  return new OkxError({
    code,
    msg,
    httpStatus,
    kind: "unknown",
    advice: `OKX answered with code ${code}${msg ? `: ${msg}` : ""}.`,
    ...ctx,
  });
}

export function networkError(detail: string, ctx: FromResponseContext = {}): OkxError {
  return new OkxError({
    code: "",
    msg: "",
    httpStatus: null,
    kind: "network",
    advice: `Could not reach OKX (${detail}). Check the internet connection, a proxy or firewall, and the region's host.`,
    ...ctx,
  });
}

export function timeoutError(timeoutMs: number, ctx: FromResponseContext = {}): OkxError {
  return networkError(`no answer within ${Math.round(timeoutMs / 1000)} s`, ctx);
}

/** Malformed JSON, an unexpected HTTP status without an OKX body, or a reply that fails the schema. */
export function serverError(detail: string, httpStatus: number | null, ctx: FromResponseContext = {}): OkxError {
  return new OkxError({
    code: "",
    msg: "",
    httpStatus,
    kind: "server",
    advice: `OKX sent an unexpected reply: ${detail}.`,
    // A garbled 2xx reply is unlikely to fix itself on retry; a 5xx usually does.
    retryable: httpStatus !== null && httpStatus >= 500,
    ...ctx,
  });
}

/** A reply larger than any OKX answer: something between Keywarden and OKX (a proxy, a captive portal) sent it. */
export function replyTooLargeError(capBytes: number, httpStatus: number | null, ctx: FromResponseContext = {}): OkxError {
  return new OkxError({
    code: "",
    msg: "",
    httpStatus,
    kind: "network",
    advice: `The reply was larger than ${Math.round(capBytes / (1024 * 1024))} MB, which no OKX answer is; Keywarden stopped reading it. Something between you and OKX (a proxy, a captive portal or a wrong OKX_API_BASE_URL) probably answered instead. Nothing was learned about the key.`,
    // Another try would download the same thing again.
    retryable: false,
    ...ctx,
  });
}

/** Wraps a non-OKX failure (a bug) without copying its text, which could hold anything. */
export function unexpectedError(): OkxError {
  return new OkxError({
    code: "",
    msg: "",
    httpStatus: null,
    kind: "bug",
    advice: "Something unexpected went wrong while talking to OKX. This is a bug in Keywarden: please report it.",
    retryable: false,
  });
}
