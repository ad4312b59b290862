// How large a backup the dashboard accepts as an upload. Pure (no server-only): the restore form checks the
// chosen file against it before sending anything. next.config.js lets request bodies this large (plus the
// multipart envelope) through proxy.ts, whose default would cut them at 10 MB. The CLI has no such limit.
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = "100 MB";

export const TOO_LARGE_MESSAGE = `This file is larger than the ${MAX_UPLOAD_LABEL} the dashboard accepts. Restore it with \`keywarden restore FILE\` instead (stop the dashboard first).`;
