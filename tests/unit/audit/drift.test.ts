import { describe, expect, it } from "vitest";
import { auditKey } from "@/lib/audit";
import { NOW, daysAgo, failed, makeKey, ok, only, policy } from "./fixtures";

const drift = (prev: Parameters<typeof ok>[0], last: Parameters<typeof ok>[0], extra: ReturnType<typeof ok>[] = []) =>
  only(auditKey(makeKey(), [ok({ at: daysAgo(2), ...prev }), ok({ at: daysAgo(1), ...last }), ...extra], policy(), NOW).findings, "drift");

describe("drift rule", () => {
  it("widened perm is high, names both checks and suggests rotation if unexpected", () => {
    const [f] = drift({ perm: ["read_only"] }, { perm: ["read_only", "trade"] });
    expect(f).toMatchObject({ severity: "high", action: "rotate" });
    expect(f!.title).toBe("Permissions widened since the previous check: +Trade");
    expect(f!.evidence.detail).toMatch(/perm "read_only".*perm "read_only,trade"/);
    expect(f!.fix.join(" ")).toMatch(/Rotate/);
  });
  it("narrowed-only perm is info", () => {
    const [f] = drift({ perm: ["read_only", "trade", "withdraw"] }, { perm: ["read_only", "trade"] });
    expect(f).toMatchObject({ severity: "info", title: "Permissions narrowed since the previous check: −Withdraw" });
  });
  it("perm order does not count as a change", () => {
    expect(drift({ perm: ["trade", "read_only"] }, { perm: ["read_only", "trade"] })).toEqual([]);
  });
  it("ip change is medium, listing added and removed addresses", () => {
    const [f] = drift({ ip: ["1.1.1.1", "2.2.2.2"] }, { ip: ["2.2.2.2", "3.3.3.3"] });
    expect(f).toMatchObject({ severity: "medium", title: "IP allowlist changed since the previous check: +3.3.3.3 −1.1.1.1" });
  });
  it("label change is info", () => {
    const [f] = drift({ label: "bot" }, { label: "bot-renamed" });
    expect(f).toMatchObject({ severity: "info", title: "Label on OKX changed: 'bot' → 'bot-renamed'" });
  });
  it("reports each aspect separately", () => {
    const fs = drift({ perm: ["read_only"], ip: ["1.1.1.1"], label: "a" }, { perm: ["read_only", "trade"], ip: ["9.9.9.9"], label: "b" });
    expect(fs.map((f) => f.severity)).toEqual(["high", "medium", "info"]);
  });
  it("compares only the two latest ok checks, whatever the input order; failures in between don't matter", () => {
    const a = ok({ at: daysAgo(3), perm: ["read_only"] });
    const b = ok({ at: daysAgo(2), perm: ["read_only", "trade"] });
    const c = ok({ at: daysAgo(1), perm: ["read_only", "trade"] });
    expect(only(auditKey(makeKey(), [c, a, b, failed("50113", { at: daysAgo(1.5) })], policy(), NOW).findings, "drift")).toEqual([]);
    expect(only(auditKey(makeKey(), [b, a], policy(), NOW).findings, "drift")).toHaveLength(1);
  });
  it("needs two ok checks and known values", () => {
    expect(only(auditKey(makeKey(), [ok()], policy(), NOW).findings, "drift")).toEqual([]);
    expect(drift({ perm: null, ip: null, label: null }, { perm: ["read_only", "trade", "withdraw"], ip: [], label: "x" })).toEqual([]);
  });
});
