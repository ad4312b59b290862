// How large a server action's request may be. next.config.js sets the same figure as
// experimental.serverActions.bodySizeLimit (a JS config cannot import this file; tests/unit/http/request-limits.test.ts
// keeps the two equal). Keywarden's largest form (a key with notes and consumers) is a few KiB.
export const ACTION_BODY_LIMIT_BYTES = 64 * 1024;
export const ACTION_BODY_LIMIT_LABEL = "64kb";

/** True when a server action's declared body is over the limit: refused before a byte of it is read. */
export function actionBodyTooLarge(method: string, headers: Headers): boolean {
  if (method !== "POST" || !headers.has("next-action")) return false;
  const length = Number(headers.get("content-length") ?? "0");
  return Number.isFinite(length) && length > ACTION_BODY_LIMIT_BYTES;
}
