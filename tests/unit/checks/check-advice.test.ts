import { describe, expect, it } from "vitest";
import { checkNowMessage, describeDiscovery, explainCheck } from "@/lib/checks/check-advice";
import { NOTABLE_SKEW_MS, isNotableSkew } from "@/lib/okx/clock-skew";
import { OKX_ERROR_CODES, adviceForCode } from "@/lib/okx/errors";

describe("explainCheck", () => {
  it("shows OKX's code and words with the plain advice from the code table", () => {
    for (const code of Object.keys(OKX_ERROR_CODES).filter((c) => c !== "50102")) {
      const e = explainCheck({ outcome: "auth_error", code, message: "OKX wording", skewMs: 0 });
      expect(e.answer).toBe(`${code}: OKX wording`);
      expect(e.advice).toBe(OKX_ERROR_CODES[code].advice);
    }
  });

  it("completes 50102's advice with the stored skew, without repeating it as a note", () => {
    const e = explainCheck({ outcome: "auth_error", code: "50102", message: "Timestamp request expired", skewMs: -41_000 });
    expect(e.advice).toMatch(/your clock is 41 s ahead of OKX/i);
    expect(e.skew).toBeNull();
  });

  it("unknown codes keep OKX's code and message and get no invented advice", () => {
    expect(explainCheck({ outcome: "error", code: "59999", message: "Something new", skewMs: null })).toEqual({
      answer: "59999: Something new",
      advice: null,
      skew: null,
    });
  });

  it('our own failures (code "") show their stored advice once', () => {
    const e = explainCheck({ outcome: "network_error", code: "", message: "Could not reach OKX (ECONNREFUSED).", skewMs: null });
    expect(e).toEqual({ answer: "Could not reach OKX (ECONNREFUSED).", advice: null, skew: null });
  });

  it("mentions the skew only from NOTABLE_SKEW_MS on", () => {
    expect(explainCheck({ outcome: "ok", code: "0", message: "", skewMs: NOTABLE_SKEW_MS - 1 }).skew).toBeNull();
    expect(explainCheck({ outcome: "ok", code: "0", message: "", skewMs: -NOTABLE_SKEW_MS }).skew).toMatch(/5\.0 s ahead of OKX/);
    expect(explainCheck({ outcome: "ok", code: "0", message: "", skewMs: 40_000 })).toMatchObject({
      answer: "works",
      advice: null,
      skew: expect.stringMatching(/40 s behind OKX.*NTP/),
    });
    expect(isNotableSkew(null)).toBe(false);
  });

  it("adviceForCode", () => {
    expect(adviceForCode("50110")).toBe(OKX_ERROR_CODES["50110"].advice);
    expect(adviceForCode("50102", null)).toMatch(/could not be measured/);
    expect(adviceForCode("")).toBeNull();
    expect(adviceForCode("12345")).toBeNull();
  });
});

describe("describeDiscovery", () => {
  it("summarises what discovery found", () => {
    expect(describeDiscovery({ ok: true, subAccounts: 0, keys: 0, linked: 0 })).toMatch(/no sub-accounts/);
    expect(describeDiscovery({ ok: true, subAccounts: 1, keys: 1, linked: 1 })).toBe("Found 1 key in 1 sub-account: 1 in Keywarden.");
    expect(describeDiscovery({ ok: false, code: "50011", message: "Too Many Requests" })).toMatch(
      /\(50011: Too Many Requests\) OKX's rate limit.*The check itself worked\.$/,
    );
  });
});

describe("checkNowMessage", () => {
  it("ok: latency, notable skew and discovery", () => {
    expect(checkNowMessage({ outcome: "ok", code: "0", message: "", skewMs: 12, latencyMs: 80, discovery: null })).toBe(
      "OKX answered in 80 ms: the key works.",
    );
    const m = checkNowMessage({
      outcome: "ok",
      code: "0",
      message: "",
      skewMs: 41_000,
      latencyMs: 80,
      discovery: { ok: true, subAccounts: 2, keys: 3, linked: 1 },
    });
    expect(m).toMatch(
      /^OKX answered in 80 ms: the key works\. This machine's clock is 41 s behind OKX\..* Found 3 keys in 2 sub-accounts: 1 in Keywarden, 2 not in Keywarden\.$/,
    );
  });

  it("error: OKX's code and words, then the advice", () => {
    expect(checkNowMessage({ outcome: "auth_error", code: "50105", message: "Passphrase incorrect", skewMs: 0, latencyMs: 5, discovery: null })).toBe(
      `OKX error 50105: Passphrase incorrect. ${OKX_ERROR_CODES["50105"].advice}`,
    );
    expect(checkNowMessage({ outcome: "network_error", code: "", message: "Could not reach OKX (x).", skewMs: null, latencyMs: 0, discovery: null })).toBe(
      "OKX request failed: Could not reach OKX (x).",
    );
  });
});
