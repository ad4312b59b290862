import { describe, expect, it } from "vitest";
import { BaseUrlConfigError, REGION_PRESETS, parseBaseUrlOverride, resolveBaseUrl } from "@/lib/okx/regions";

describe("resolveBaseUrl", () => {
  it("uses the presets without an override", () => {
    expect(resolveBaseUrl("global", {})).toBe("https://www.okx.com");
    expect(resolveBaseUrl("eea", {})).toBe("https://eea.okx.com");
    expect(resolveBaseUrl("us", {})).toBe("https://app.okx.com");
    expect(resolveBaseUrl("eea", { OKX_API_BASE_URL: "  " })).toBe(REGION_PRESETS.eea);
  });

  it("points every region at a single override URL", () => {
    const env = { OKX_API_BASE_URL: "http://127.0.0.1:9999/" };
    for (const r of ["global", "eea", "us"] as const) expect(resolveBaseUrl(r, env)).toBe("http://127.0.0.1:9999");
  });

  it("accepts one URL per region and falls back to presets for the rest", () => {
    const env = { OKX_API_BASE_URL: "global=http://127.0.0.1:1001, eea=http://127.0.0.1:1002/" };
    expect(resolveBaseUrl("global", env)).toBe("http://127.0.0.1:1001");
    expect(resolveBaseUrl("eea", env)).toBe("http://127.0.0.1:1002");
    expect(resolveBaseUrl("us", env)).toBe("https://app.okx.com");
    expect(parseBaseUrlOverride("global=http://a:1,eea=http://b:2,us=http://c:3")).toEqual({
      global: "http://a:1",
      eea: "http://b:2",
      us: "http://c:3",
    });
  });

  it("a key's own host replaces its region's preset, but never the app-wide override", () => {
    expect(resolveBaseUrl("us", {}, "https://us.okx.com")).toBe("https://us.okx.com");
    expect(resolveBaseUrl("us", {}, null)).toBe("https://app.okx.com");
    expect(resolveBaseUrl("us", { OKX_API_BASE_URL: "http://127.0.0.1:9999" }, "https://us.okx.com")).toBe("http://127.0.0.1:9999");
    // A per-region override leaves other regions' keys on their own host.
    expect(resolveBaseUrl("us", { OKX_API_BASE_URL: "global=http://127.0.0.1:1001" }, "https://us.okx.com")).toBe("https://us.okx.com");
  });

  it("keeps a path prefix", () => {
    expect(resolveBaseUrl("global", { OKX_API_BASE_URL: "http://127.0.0.1:1/okx/" })).toBe("http://127.0.0.1:1/okx");
  });

  it("rejects malformed overrides instead of guessing", () => {
    expect(() => resolveBaseUrl("global", { OKX_API_BASE_URL: "not a url" })).toThrow(BaseUrlConfigError);
    expect(() => resolveBaseUrl("global", { OKX_API_BASE_URL: "asia=http://x:1" })).toThrow(/unknown region "asia"/);
    expect(() => resolveBaseUrl("global", { OKX_API_BASE_URL: "global=http://x:1,global=http://y:2" })).toThrow(/twice/);
    expect(() => resolveBaseUrl("global", { OKX_API_BASE_URL: "ftp://x" })).toThrow(/http/);
    expect(() => resolveBaseUrl("global", { OKX_API_BASE_URL: "http://x:1/?a=b" })).toThrow(/query/);
    expect(() => resolveBaseUrl("mars" as never, {})).toThrow(/Unknown OKX region/);
  });
});
