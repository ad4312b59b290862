import { describe, expect, it } from "vitest";
import { OKX_ERROR_CODES, OkxError, describeSkew, okxErrorFromCode, replyTooLargeError, serverError, timeoutError } from "@/lib/okx/errors";
import { toUserError } from "@/lib/errors/to-user-message";

// okx-api.md's table, restated independently of the implementation.
const TABLE: [code: string, kind: OkxError["kind"], advice: RegExp][] = [
  ["50001", "server", /try again later/i],
  ["50004", "server", /try again later/i],
  ["50011", "rate", /rate limit/i],
  ["50013", "server", /busy.*not the key/i],
  ["50026", "server", /not the key/i],
  ["50035", "permission", /bound to IP.*guided/i],
  ["50061", "rate", /rate limit/i],
  ["50100", "frozen", /API key.*not necessarily the account.*contact OKX support/i],
  ["50101", "auth", /demo/i],
  ["50102", "auth", /clock/i],
  ["50103", "bug", /bug/i],
  ["50104", "bug", /bug/i],
  ["50105", "auth", /passphrase/i],
  ["50106", "bug", /bug/i],
  ["50107", "bug", /bug/i],
  ["50110", "ip", /IP.*proves the key exists/i],
  ["50111", "auth", /malformed.*re-enter the API key/i],
  ["50112", "bug", /bug/i],
  ["50113", "auth", /secret key/i],
  ["50119", "auth", /does not know the key.*another OKX entity.*deleted/i],
  ["50120", "permission", /permission/i],
  ["59500", "permission", /master account's API key.*guided/i],
  ["59501", "refused", /50 API keys.*delete/i],
  ["59502", "refused", /note name/i],
  ["59503", "refused", /20 IP/i],
  ["59504", "refused", /withdraw/i],
  ["59505", "refused", /passphrase format/i],
  ["59508", "frozen", /suspended/i],
];

describe("okxErrorFromCode", () => {
  it.each(TABLE)("maps %s to kind %s with advice", (code, kind, advice) => {
    const e = okxErrorFromCode(code, "OKX says no", 401);
    expect(e).toBeInstanceOf(OkxError);
    expect(e.code).toBe(code);
    expect(e.msg).toBe("OKX says no");
    expect(e.httpStatus).toBe(401);
    expect(e.kind).toBe(kind);
    expect(e.advice).toMatch(advice);
    expect(e.retryable).toBe(kind === "rate" || kind === "server");
  });

  it("covers exactly the codes of okx-api.md's table (and OKX's server-side codes)", () => {
    expect(Object.keys(OKX_ERROR_CODES).sort()).toEqual(TABLE.map(([c]) => c).sort());
  });

  it("explains 50102 with the measured skew", () => {
    expect(okxErrorFromCode("50102", "Timestamp request expired", 401, { skewMs: -41_000 }).advice).toMatch(/your clock is 41 s ahead of OKX/i);
    expect(okxErrorFromCode("50102", "x", 401, { skewMs: 3200 }).advice).toMatch(/3\.2 s behind OKX/);
    expect(okxErrorFromCode("50102", "x", 401).advice).toMatch(/could not be measured/);
  });

  it("keeps unknown codes and OKX's message", () => {
    const e = okxErrorFromCode("59999", "Something new", 400);
    expect(e.kind).toBe("unknown");
    expect(e.code).toBe("59999");
    expect(e.advice).toContain("59999");
    expect(e.advice).toContain("Something new");
    expect(e.message).toContain("59999");
    expect(e.retryable).toBe(false);
  });

  it("decides on the code, never on the HTTP status", () => {
    expect(okxErrorFromCode("50001", "Service temporarily unavailable", 503).retryable).toBe(true);
    expect(okxErrorFromCode("50001", "x", 200).kind).toBe("server");
    expect(okxErrorFromCode("50011", "x", 200).kind).toBe("rate");
    expect(okxErrorFromCode("50011", "x", 429).kind).toBe("rate");
    expect(okxErrorFromCode("50119", "x", 200).kind).toBe("auth");
    expect(okxErrorFromCode("50119", "x", 200).retryable).toBe(false);
    // An unknown code is shown as it is, not guessed from the status.
    for (const status of [200, 400, 429, 503]) expect(okxErrorFromCode("59999", "x", status)).toMatchObject({ kind: "unknown", retryable: false });
  });

  it("classifies network and server failures", () => {
    const t = timeoutError(10_000);
    expect(t.kind).toBe("network");
    expect(t.code).toBe("");
    expect(t.retryable).toBe(true);
    expect(serverError("bad", 502).retryable).toBe(true);
    expect(serverError("bad", 200).retryable).toBe(false);
    expect(serverError("missing data[0].perm", 200).advice).toContain("data[0].perm");
  });

  it("an oversized reply is a network failure (nothing learned about the key), not retried, with a plain message", () => {
    const e = replyTooLargeError(2 * 1024 * 1024, 200);
    expect(e).toMatchObject({ kind: "network", code: "", httpStatus: 200, retryable: false });
    expect(toUserError(e)).toEqual({
      message: expect.stringMatching(/^OKX request failed: The reply was larger than 2 MB.*Keywarden stopped reading it.*Nothing was learned about the key/),
      code: "okx-network",
    });
  });

  it("describes skew in plain words", () => {
    expect(describeSkew(-41_000)).toBe("41 s ahead of OKX");
    expect(describeSkew(40_400)).toBe("40 s behind OKX");
    expect(describeSkew(250)).toBe("250 ms behind OKX");
    expect(describeSkew(0)).toBe("in sync with OKX");
  });
});
