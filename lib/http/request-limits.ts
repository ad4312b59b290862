// How large a server action's request may be (lib/http/action-body.ts refuses more in proxy.ts, before Next reads it). next.config.js sets the same figure as
// experimental.serverActions.bodySizeLimit (a JS config cannot import this file; tests/unit/http/request-limits.test.ts
// keeps the two equal). Keywarden's largest form (a key with notes and consumers) is a few KiB.
export const ACTION_BODY_LIMIT_BYTES = 64 * 1024;
export const ACTION_BODY_LIMIT_LABEL = "64kb";
