// Bodies of form posts and server-action calls are checked in proxy.ts before Next decodes them. Next's own
// decoder answers an oversized, truncated or malformed body (a 10 MB body, a cut multipart form, half a JSON
// array) with a 500; here they get a 413 / 415 / 400 with a sentence instead, and the action never runs. Pure apart from reading the body, so it is unit-testable with a plain Request.

import { ACTION_BODY_LIMIT_BYTES as ACTION_BODY_LIMIT } from "./request-limits";

export { ACTION_BODY_LIMIT };

export const ACTION_TOO_LARGE = `Request refused: a form may send at most ${ACTION_BODY_LIMIT / 1024} KiB. Nothing was changed.`;
export const ACTION_MALFORMED = "Request refused: the form data could not be read (cut short or malformed). Nothing was changed.";
export const ACTION_WRONG_TYPE = "Request refused: a form must be sent as form data. Nothing was changed.";

export interface BodyRefusal {
  status: 400 | 413 | 415;
  message: string;
}

const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];

// React's reply format marks special values with a leading "$". Keywarden's pages only ever send plain values and
// FormData, so an argument list may hold escaped strings ("$$…"), the inline markers below and FormData
// references ("$K<hex>"), nothing else: a promise, map, server-reference or blob marker pointing at a part that is
// not there made Next's decoder throw (a 500). Refused here instead.
const ALLOWED_MARKER = /^\$(\$|undefined$|NaN$|-?Infinity$|-0$|D\d{4}-|D[+-]\d{6}-|n-?\d+$|K[0-9a-f]+$)/;

/** True when some string in the decoded JSON is a reply marker Keywarden's forms never send. */
function hasForeignMarker(value: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (typeof value === "string") return value.startsWith("$") && !ALLOWED_MARKER.test(value);
  if (Array.isArray(value)) return value.some((v) => hasForeignMarker(v, depth + 1));
  if (value && typeof value === "object") return Object.values(value).some((v) => hasForeignMarker(v, depth + 1));
  return false;
}

/** False for a path with a broken percent-escape, which Next's router cannot decode. */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** Requests Next would decode as a server action: any POST to a page (route handlers under /api parse their own). */
export function isActionRequest(method: string, pathname: string): boolean {
  return method.toUpperCase() === "POST" && !pathname.startsWith("/api/") && pathname !== "/api";
}

/** The body up to `limit` bytes, or null when there is more (the rest is not read). */
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: proxy.ts reads a clone, and cancelling one branch of a tee settles only once the other
      // branch is cancelled too, which never happens here. Awaiting it left a chunked POST over the limit (no
      // Content-Length to judge up front) hanging until the client gave up.
      reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Why a page POST must not reach Next's action decoder, or null to let it through. `request` is a clone (or
 * anything whose body may be consumed). The declared length is judged before a byte is read.
 */
export async function actionBodyRefusal(request: Request): Promise<BodyRefusal | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= ACTION_BODY_LIMIT)) return { status: 413, message: ACTION_TOO_LARGE };
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const isAction = request.headers.has("next-action");
  // A POST that is neither an action call nor a form (say, a stray JSON POST to a page) is Next's to refuse.
  if (!isAction && !FORM_TYPES.includes(type)) return null;
  if (isAction && type !== "text/plain" && !FORM_TYPES.includes(type)) return { status: 415, message: ACTION_WRONG_TYPE };
  const bytes = await readCapped(request.body, ACTION_BODY_LIMIT);
  if (bytes === null) return { status: 413, message: ACTION_TOO_LARGE };
  if (type === "text/plain") {
    // React's encodeReply sends a plain argument list as JSON text; anything else cannot be an argument list.
    try {
      const args = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      return Array.isArray(args) && !hasForeignMarker(args) ? null : { status: 400, message: ACTION_MALFORMED };
    } catch {
      return { status: 400, message: ACTION_MALFORMED };
    }
  }
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? type } }).formData();
  } catch {
    return { status: 400, message: ACTION_MALFORMED };
  }
  if (!isAction) return null;
  // An action call's root argument list is part "0"; other numbered parts are outlined values. Form fields of a
  // FormData argument are named "<ref>_<field>" and are the user's text, never decoded as JSON.
  const root = form.get("0");
  if (typeof root !== "string") return { status: 400, message: ACTION_MALFORMED };
  for (const [name, value] of form.entries()) {
    if (!/^\d+$/.test(name)) continue;
    if (typeof value !== "string") return { status: 400, message: ACTION_MALFORMED };
    try {
      const parsed = JSON.parse(value);
      if (hasForeignMarker(parsed) || (name === "0" && !Array.isArray(parsed))) return { status: 400, message: ACTION_MALFORMED };
    } catch {
      return { status: 400, message: ACTION_MALFORMED };
    }
  }
  return null;
}
