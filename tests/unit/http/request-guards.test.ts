// Security rules 1 and 3 at the unit level: the pure guards proxy.ts applies to every request.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isAllowedHost, isSameOriginWrite, securityHeaders } from "@/lib/http/request-guards";

const PORT = "3210";

function headers(h: Record<string, string>): Headers {
  return new Headers(h);
}

/** The CSP as directive → value, so a test can look at script-src alone. */
function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...rest] = d.split(/\s+/);
        return [name, rest.join(" ")] as const;
      }),
  );
}

describe("isAllowedHost (DNS rebinding)", () => {
  it.each([`127.0.0.1:${PORT}`, `localhost:${PORT}`])("accepts the loopback name %s on our port", (host) => {
    expect(isAllowedHost(host, PORT)).toBe(true);
  });

  it.each([
    ["a rebinding domain", `evil.example:${PORT}`],
    ["a rebinding domain without a port", "evil.example"],
    ["a wildcard-DNS name that resolves to loopback", `127.0.0.1.nip.io:${PORT}`],
    ["a name that merely starts with localhost", `localhost.evil.example:${PORT}`],
    ["loopback on another port", "127.0.0.1:3000"],
    ["localhost on another port", "localhost:8080"],
    ["loopback without a port", "127.0.0.1"],
    ["a port suffix trick", `127.0.0.1:${PORT}0`],
    ["the IPv6 loopback (we only listen on 127.0.0.1)", `[::1]:${PORT}`],
    ["another 127/8 address", `127.0.0.2:${PORT}`],
    ["the unspecified address", `0.0.0.0:${PORT}`],
    ["an empty Host", ""],
  ])("refuses %s (%s)", (_why, host) => {
    expect(isAllowedHost(host, PORT)).toBe(false);
  });

  it("refuses a request with no Host header", () => {
    expect(isAllowedHost(null, PORT)).toBe(false);
  });

  it("accepts a bare loopback name only when the app really is on port 80", () => {
    expect(isAllowedHost("localhost", "80")).toBe(true);
    expect(isAllowedHost("127.0.0.1", "80")).toBe(true);
    expect(isAllowedHost("evil.example", "80")).toBe(false);
  });
});

describe("isSameOriginWrite (cross-site writes)", () => {
  it.each(["GET", "HEAD", "OPTIONS", "get"])("always lets %s through, whatever the Origin", (method) => {
    expect(isSameOriginWrite(method, headers({ origin: "http://evil.example", "sec-fetch-site": "cross-site" }), PORT)).toBe(true);
  });

  it.each([`http://127.0.0.1:${PORT}`, `http://localhost:${PORT}`])("accepts a POST from our own origin %s", (origin) => {
    expect(isSameOriginWrite("POST", headers({ origin, "sec-fetch-site": "same-origin" }), PORT)).toBe(true);
    expect(isSameOriginWrite("POST", headers({ origin }), PORT)).toBe(true);
  });

  it("accepts a same-origin POST whose browser sent fetch metadata but no Origin", () => {
    expect(isSameOriginWrite("POST", headers({ "sec-fetch-site": "same-origin" }), PORT)).toBe(true);
  });

  it.each([
    ["a foreign Origin", { origin: "http://evil.example" }],
    ["a foreign Origin on our port", { origin: `http://evil.example:${PORT}` }],
    ["a rebinding Origin", { origin: `http://127.0.0.1.nip.io:${PORT}` }],
    ["our host on another port", { origin: "http://127.0.0.1:3000" }],
    ["our host over https (another origin)", { origin: `https://127.0.0.1:${PORT}` }],
    ["an opaque origin (sandboxed iframe, data: URL)", { origin: "null" }],
    ["Sec-Fetch-Site cross-site, even with our Origin", { origin: `http://127.0.0.1:${PORT}`, "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site same-site (another port or subdomain)", { origin: `http://127.0.0.1:${PORT}`, "sec-fetch-site": "same-site" }],
    ["Sec-Fetch-Site cross-site without an Origin", { "sec-fetch-site": "cross-site" }],
    ["neither Origin nor Sec-Fetch-Site", {}],
  ])("refuses a POST with %s", (_why, h) => {
    expect(isSameOriginWrite("POST", headers(h as Record<string, string>), PORT)).toBe(false);
  });

  it.each(["PUT", "PATCH", "DELETE", "post"])("applies the same check to %s", (method) => {
    expect(isSameOriginWrite(method, headers({ origin: "http://evil.example" }), PORT)).toBe(false);
    expect(isSameOriginWrite(method, headers({ origin: `http://127.0.0.1:${PORT}` }), PORT)).toBe(true);
  });
});

describe("contentSecurityPolicy", () => {
  const nonce = "bm9uY2Utbm9uY2Utbm9uY2U=";

  it("allows scripts only by nonce (no 'unsafe-inline'), and no eval in production", () => {
    const script = directives(contentSecurityPolicy(nonce, false)).get("script-src");
    expect(script).toBeDefined();
    expect(script).toContain(`'nonce-${nonce}'`);
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    expect(script).not.toMatch(/(^|\s)(\*|https?:|data:)(\s|$)/);
  });

  it("puts the nonce it was given in the policy, so each request's nonce is its own", () => {
    const a = contentSecurityPolicy("AAAA", false);
    const b = contentSecurityPolicy("BBBB", false);
    expect(a).toContain("'nonce-AAAA'");
    expect(a).not.toContain("BBBB");
    expect(b).toContain("'nonce-BBBB'");
  });

  it("only dev mode gets 'unsafe-eval' (React's dev tooling needs it), still without 'unsafe-inline'", () => {
    const script = directives(contentSecurityPolicy(nonce, true)).get("script-src")!;
    expect(script).toContain("'unsafe-eval'");
    expect(script).not.toContain("'unsafe-inline'");
  });

  it("cannot be framed, and locks down objects, base and form targets", () => {
    const d = directives(contentSecurityPolicy(nonce, false));
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'self'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("default-src")).toBe("'self'");
  });

  it("has no 'unsafe-inline' anywhere, not even for styles", () => {
    expect(contentSecurityPolicy(nonce, false)).not.toContain("'unsafe-inline'");
    expect(contentSecurityPolicy(nonce, true)).not.toContain("'unsafe-inline'");
  });
});

describe("securityHeaders", () => {
  const h = securityHeaders("Tm9uY2U=", false);
  const lower = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

  it("carries the CSP for the given nonce", () => {
    expect(lower["content-security-policy"]).toBe(contentSecurityPolicy("Tm9uY2U=", false));
  });

  it("sets nosniff, no-referrer, no-store and refuses framing in old browsers too", () => {
    expect(lower["x-content-type-options"]).toBe("nosniff");
    expect(lower["referrer-policy"]).toBe("no-referrer");
    expect(lower["cache-control"]).toMatch(/(^|,\s*)no-store(\s*,|$)/);
    expect(lower["x-frame-options"]).toBe("DENY");
  });

  it("sends no HSTS: Keywarden is plain http on localhost, and HSTS there would break other local apps", () => {
    expect(Object.keys(lower)).not.toContain("strict-transport-security");
    expect(Object.keys(securityHeaders("x", true)).map((k) => k.toLowerCase())).not.toContain("strict-transport-security");
  });
});
