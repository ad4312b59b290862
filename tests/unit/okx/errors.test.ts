import { describe, expect, it } from "vitest";
import { OKX_ERROR_CODES, OkxError, describeSkew, okxErrorFromCode, serverError, timeoutError } from "@/lib/okx/errors";

// okx-api.md's table, restated independently of the implementation.
const TABLE: [code: string, kind: OkxError["kind"], advice: RegExp][] = [
  ["50011", "rate", /rate limit/i],
  ["50100", "frozen", /contact OKX support/i],
  ["50101", "auth", /demo.*region|region.*demo/i],
  ["50102", "auth", /clock/i],
  ["50103", "bug", /bug/i],
  ["50104", "bug", /bug/i],
  ["50105", "auth", /passphrase/i],
  ["50106", "bug", /bug/i],
  ["50107", "bug", /bug/i],
  ["50110", "ip", /IP.*proves the key exists/i],
  ["50111", "auth", /deleted.*mistyped.*14 days|deleted|14 days/i],
  ["50112", "bug", /bug/i],
  ["50113", "auth", /secret key/i],
  ["50119", "auth", /region/i],
  ["50120", "permission", /permission/i],
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
    expect(e.retryable).toBe(kind === "rate");
  });

  it("covers exactly the codes of okx-api.md's table", () => {
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

  it("treats unknown codes on 5xx / 429 as transient", () => {
    expect(okxErrorFromCode("50001", "Service temporarily unavailable", 503).retryable).toBe(true);
    expect(okxErrorFromCode("50001", "x", 503).kind).toBe("server");
    expect(okxErrorFromCode("50061", "x", 429).kind).toBe("rate");
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

  it("describes skew in plain words", () => {
    expect(describeSkew(-41_000)).toBe("41 s ahead of OKX");
    expect(describeSkew(40_400)).toBe("40 s behind OKX");
    expect(describeSkew(250)).toBe("250 ms behind OKX");
    expect(describeSkew(0)).toBe("in sync with OKX");
  });
});
