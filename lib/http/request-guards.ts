// Pure request checks shared by proxy.ts and route handlers (and unit-tested directly).

const LOOPBACK_NAMES = ["127.0.0.1", "localhost"];

/** DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends Host: evil.example. */
export function isAllowedHost(host: string | null, port: string): boolean {
  if (!host) return false;
  return LOOPBACK_NAMES.some((name) => host === `${name}:${port}` || (port === "80" && host === name));
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** State-changing requests must come from our own pages: same Origin, or at least same-origin fetch metadata. */
export function isSameOriginWrite(method: string, headers: Headers, port: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = headers.get("origin");
  if (origin === null) return site === "same-origin" || site === "none";
  return LOOPBACK_NAMES.some((name) => origin === `http://${name}:${port}`);
}

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonce'd bootstrap load its chunks; no 'unsafe-inline' for scripts.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(nonce: string, dev: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, dev),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    // Every page can show key data; nothing is worth caching. No HSTS on plain-http localhost.
    "Cache-Control": "no-store",
  };
}
