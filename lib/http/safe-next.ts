// Where the unlock page sends the user back to. Only a path on this origin is accepted: anything that a browser
// could read as another host ("//evil.example", "/\\evil.example", "https://…", "javascript:…", control
// characters) gives null, so ?next= can never become an open redirect.

const PATH_HEADER = "x-keywarden-path";
export { PATH_HEADER };

const MAX_LENGTH = 512;

export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value === "" || value.length > MAX_LENGTH) return null;
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, "http://keywarden.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://keywarden.invalid") return null;
  const path = `${url.pathname}${url.search}`;
  // The unlock and setup pages themselves would only loop; API routes are not pages to come back to.
  if (/^\/(unlock|setup|api)(\/|$|\?)/.test(path) || path.startsWith("//")) return null;
  return path;
}

/** The unlock page's address that comes back to `path` (or plain /unlock when the path is not safe or is home). */
export function unlockHref(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next && next !== "/" ? `/unlock?next=${encodeURIComponent(next)}` : "/unlock";
}
