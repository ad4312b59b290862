import { describe, expect, it } from "vitest";
import { OkxError, networkError, okxErrorFromCode, serverError } from "@/lib/okx/errors";
import { detectionTargets, probeVerdict, targetHost, type EntityTarget } from "@/lib/okx/entity-detection";

const label = (t: EntityTarget) => `${t.region}/${t.demo ? "demo" : "live"}${t.host ? `@${t.host}` : ""}`;

describe("detectionTargets", () => {
  it("after 50119: the other entities in the same environment first, then the other environment", () => {
    expect(detectionTargets({ region: "global", demo: false, host: null }, "50119").map(label)).toEqual([
      "eea/live",
      "us/live",
      "global/demo",
      "eea/demo",
      "us/demo",
    ]);
  });

  it("after 50101: the same entity's other environment first", () => {
    expect(detectionTargets({ region: "eea", demo: true, host: null }, "50101").map(label)).toEqual([
      "eea/live",
      "global/demo",
      "us/demo",
      "global/live",
      "us/live",
    ]);
  });

  it("a key with its own host is also asked on its entity's preset, and other entities only on theirs", () => {
    expect(detectionTargets({ region: "us", demo: false, host: "https://us.okx.com" }, "50119").map(label)).toEqual([
      "us/live",
      "global/live",
      "eea/live",
      "us/demo@https://us.okx.com",
      "us/demo",
      "global/demo",
      "eea/demo",
    ]);
  });
});

describe("probeVerdict", () => {
  it("only answers OKX gives after finding the key prove it; 50119 / 50111 / 50101 say not here; the rest say nothing", () => {
    expect(probeVerdict(null)).toBe("found");
    for (const code of ["50100", "50105", "50110", "50113"]) expect(probeVerdict(okxErrorFromCode(code, "", 401))).toBe("found");
    for (const code of ["50119", "50111", "50101"]) expect(probeVerdict(okxErrorFromCode(code, "", 401))).toBe("absent");
    for (const e of [
      okxErrorFromCode("50102", "", 401),
      okxErrorFromCode("50011", "", 429),
      networkError("refused"),
      serverError("bad", 503),
      okxErrorFromCode("59999", "?", 400),
    ]) {
      expect(probeVerdict(e as OkxError)).toBe("inconclusive");
    }
  });
});

it("targetHost names OKX's host, not an override", () => {
  expect(targetHost({ region: "eea", host: null })).toBe("eea.okx.com");
  expect(targetHost({ region: "global", host: "https://openapi.okx.com" })).toBe("openapi.okx.com");
});
