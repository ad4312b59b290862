// One HTTP attempt against OKX: sign, send with a timeout, parse the envelope, classify failures.
// Retries, pacing and clock skew live in request-pipeline.ts.
import { type FromResponseContext, OKX_ERROR_CODES, OkxError, networkError, okxErrorFromCode, replyTooLargeError, serverError, timeoutError } from "./errors";
import { envelopeSchema, describeIssues } from "./schemas";
import { buildAuthHeaders, okxTimestamp, type HttpMethod } from "./sign";

export interface AttemptAuth {
  apiKey: string;
  secretKey: string;
  passphrase: string;
  demo: boolean;
}

export interface AttemptInput {
  fetch: typeof fetch;
  baseUrl: string;
  method: HttpMethod;
  /** Path with query string, exactly as it will be signed and sent. */
  requestPath: string;
  /** Serialised JSON body for POST ("" for GET): the same string is signed and sent. */
  body: string;
  auth: AttemptAuth | null;
  /** Local epoch ms to stamp the request with (already skew-corrected). */
  timestampMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  now: () => number;
  /** Put into errors so a 50102 can explain itself. */
  skewMs: number | null;
}

/**
 * The most of a reply that is read. OKX's largest answers (a page of 100 sub-accounts or keys) are tens of KiB;
 * anything near this is not OKX, and reading it whole would hold it all in memory.
 */
export const MAX_REPLY_BYTES = 2 * 1024 * 1024;

export interface AttemptResult {
  data: unknown;
  httpStatus: number;
  latencyMs: number;
}

/** `?a=1&b=x` from defined values, in the given order. The result is both signed and sent. */
export function buildQuery(query: Record<string, string | number | boolean | undefined> | undefined): string {
  if (!query) return "";
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

/**
 * Removes any trace of the caller's credentials from text that came back from the network (it ends up in the
 * check history, the audit log and the page): the key's secret, passphrase and API key, and a passphrase sent
 * in the request body (a new sub-account key's).
 */
export function redact(text: string, auth: AttemptAuth | null, body?: string): string {
  if (!auth || !text) return text;
  let out = text;
  for (const secret of [auth.secretKey, auth.passphrase, auth.apiKey, bodyPassphrase(body)]) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out;
}

function bodyPassphrase(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    const value = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>).passphrase : undefined;
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

function endpointOf(method: HttpMethod, requestPath: string): string {
  return `${method} ${requestPath.split("?")[0]}`;
}

export async function sendAttempt(input: AttemptInput): Promise<AttemptResult> {
  const endpoint = endpointOf(input.method, input.requestPath);
  const headers: Record<string, string> = input.auth
    ? buildAuthHeaders({
        ...input.auth,
        timestamp: okxTimestamp(input.timestampMs),
        method: input.method,
        requestPath: input.requestPath,
        body: input.body,
      })
    : { Accept: "application/json" };
  const timeout = AbortSignal.timeout(input.timeoutMs);
  const signal = input.signal ? AbortSignal.any([timeout, input.signal]) : timeout;
  const started = input.now();
  const ctx = (): FromResponseContext => ({ skewMs: input.skewMs, latencyMs: input.now() - started, endpoint });

  let status: number;
  let text: string;
  try {
    const res = await input.fetch(input.baseUrl + input.requestPath, {
      method: input.method,
      headers,
      body: input.method === "GET" ? undefined : input.body,
      signal,
      // Never followed: it would re-send the signed headers to another host.
      redirect: "manual",
    });
    status = res.status;
    if (status >= 300 && status <= 399) {
      await res.body?.cancel();
      throw redirectError(res.headers.get("location"), status, ctx());
    }
    // Read under the same timeout as the headers (the signal aborts the body too), and only up to the cap.
    text = await readCapped(res, MAX_REPLY_BYTES, status, ctx);
  } catch (e) {
    if (e instanceof OkxError) throw e;
    if (input.signal?.aborted) {
      throw new OkxError({ code: "", msg: "", httpStatus: null, kind: "network", advice: "The request was cancelled.", retryable: false, ...ctx() });
    }
    if (timeout.aborted) throw timeoutError(input.timeoutMs, ctx());
    throw networkError(describeNetworkFailure(e), ctx());
  }
  const latencyMs = input.now() - started;
  const c = { ...ctx(), latencyMs };

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (status === 429) return rateLimitedWithoutBody(status, c);
    throw serverError(`${endpoint} answered HTTP ${status} with a body that is not JSON`, status, c);
  }
  const env = envelopeSchema.safeParse(json);
  if (!env.success) {
    if (status === 429) return rateLimitedWithoutBody(status, c);
    throw serverError(`${endpoint} answered HTTP ${status} without OKX's {code, msg, data} envelope (${describeIssues(env.error, "reply")})`, status, c);
  }
  // OKX's code decides, whatever the HTTP status (okx-api.md): 50119 arrives with 200, 50100 with 400, 50011 with
  // 429 or 200; a code "0" is an answer.
  if (env.data.code !== "0") {
    throw okxErrorFromCode(env.data.code, redact(env.data.msg, input.auth, input.body), status, c);
  }
  return { data: env.data.data, httpStatus: status, latencyMs };
}

/** The body as text, or a replyTooLargeError once it passes `cap` bytes (declared or read); the rest is never read. */
async function readCapped(res: Response, cap: number, status: number, ctx: () => FromResponseContext): Promise<string> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > cap) {
    await res.body?.cancel().catch(() => undefined);
    throw replyTooLargeError(cap, status, ctx());
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw replyTooLargeError(cap, status, ctx());
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

/** OKX answers another entity's users with a redirect to their own site: almost always the key's region. */
function redirectError(location: string | null, status: number, ctx: FromResponseContext): never {
  let host = "another address";
  try {
    if (location) host = new URL(location, "https://invalid.example").host;
  } catch {
    // keep the generic wording
  }
  throw new OkxError({
    code: "",
    msg: "",
    httpStatus: status,
    kind: "server",
    advice: `OKX redirected the request to ${host} instead of answering; Keywarden does not follow redirects with signed requests. This usually means the key belongs to another OKX entity: check the key's region.`,
    retryable: false,
    ...ctx,
  });
}

function rateLimitedWithoutBody(status: number, ctx: FromResponseContext): never {
  throw new OkxError({ code: "", msg: "", httpStatus: status, kind: "rate", advice: OKX_ERROR_CODES["50011"].advice, ...ctx });
}

/** Node's fetch hides the reason in `cause` (ECONNREFUSED, ENOTFOUND...). Only codes, never URLs with secrets. */
function describeNetworkFailure(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown } })?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  if (e instanceof Error && e.name) return e.name === "TypeError" ? "connection failed" : e.name;
  return "connection failed";
}
