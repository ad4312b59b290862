import { describe, expect, it } from "vitest";
import { auditKey } from "@/lib/audit";
import { NOW, daysAgo, failed, makeKey, ok, only, policy } from "./fixtures";

const run = (checks = [failed("50111")], key = makeKey()) => auditKey(key, checks, policy(), NOW).findings;

describe("dead-key rule", () => {
  it("50111 is critical, names the check, and says deleted or mistyped → Rotate", () => {
    const c = failed("50111");
    const [f] = only(run([ok({ at: daysAgo(2) }), c]), "dead-key");
    expect(f).toMatchObject({ severity: "critical", action: "rotate" });
    expect(f!.title).toMatch(/50111.*deleted or mistyped/);
    expect(f!.evidence).toMatchObject({ checkId: c.id, at: c.at });
    expect(f!.evidence.detail).toContain("okx says 50111");
    expect(f!.fix.join(" ")).toMatch(/Replace secrets → API key/);
    expect(f!.fixActions).toEqual([null, { kind: "replace-secret", field: "apiKey" }, { kind: "rotate" }]);
  });
  it("50119 is dead-key critical with wrong-region advice first, and not also auth-error", () => {
    const findings = run([failed("50119")], makeKey({ region: "global" }));
    const [f] = only(findings, "dead-key");
    expect(f).toMatchObject({ severity: "critical", action: "edit" });
    expect(f!.title).toMatch(/wrong region/);
    expect(f!.fix[0]).toMatch(/Global \(okx\.com\).*EEA \(my\.okx\.com\).*Edit → Region/);
    expect(only(findings, "auth-error")).toEqual([]);
  });
  it("only looks at the latest conclusive check: a later ok clears it, a later network error does not", () => {
    expect(only(run([failed("50111", { at: daysAgo(2) }), ok()]), "dead-key")).toEqual([]);
    expect(only(run([failed("50111", { at: daysAgo(2) }), failed("", { at: daysAgo(1) }), failed("50011")]), "dead-key")).toHaveLength(1);
  });
  it("a later answer that says nothing about the key (clock off, OKX 5xx, a request built wrong) does not clear it", () => {
    for (const later of [failed("50102"), failed("50112"), failed("50104"), failed("", { outcome: "error" })]) {
      expect(only(run([failed("50111", { at: daysAgo(2) }), later]), "dead-key"), later.code || "5xx").toHaveLength(1);
    }
    // And a wrong secret stays reported through a later clock error.
    expect(only(run([ok({ at: daysAgo(3) }), failed("50113", { at: daysAgo(2) }), failed("50102")]), "auth-error")).toHaveLength(1);
  });
  it("does not fire on other codes", () => {
    expect(only(run([failed("50113")]), "dead-key")).toEqual([]);
  });
});

describe("auth-error rule", () => {
  it.each([
    ["50113", /secret/i, /re-enter the secret key/],
    ["50105", /passphrase/i, /re-enter the passphrase/],
    ["50101", /environment.*demo flag or region/i, /tick Demo/],
  ])("%s is high with specific advice", (code, title, fix) => {
    const c = failed(code);
    const [f] = only(run([ok({ at: daysAgo(3) }), c]), "auth-error");
    expect(f).toMatchObject({ severity: "high", action: "edit" });
    expect(f!.title).toMatch(title);
    expect(f!.fix[0]).toMatch(fix);
    expect(f!.evidence.checkId).toBe(c.id);
  });
  it("a wrong secret or passphrase links to replacing just that field (the Edit form has no credentials)", () => {
    const step = (code: string) => only(run([ok({ at: daysAgo(3) }), failed(code)]), "auth-error")[0]!;
    expect(step("50113").fixActions![0]).toEqual({ kind: "replace-secret", field: "secretKey" });
    expect(step("50113").fix[0]).toMatch(/Replace secrets → re-enter the secret key .*the API key and passphrase stay/);
    expect(step("50105").fixActions![0]).toEqual({ kind: "replace-secret", field: "passphrase" });
    expect(step("50105").fix.join(" ")).not.toMatch(/Edit → re-enter/);
  });
  it("50101 advice follows the demo flag", () => {
    expect(only(run([failed("50101")], makeKey({ demo: true })), "auth-error")[0]!.fix[0]).toMatch(/marked demo.*untick Demo/);
    expect(only(run([failed("50101")], makeKey({ demo: false })), "auth-error")[0]!.fix[0]).toMatch(/marked live.*tick Demo/);
  });
  it("does not fire when the error is not the latest, or for unrelated codes", () => {
    expect(only(run([failed("50113", { at: daysAgo(1) }), ok()]), "auth-error")).toEqual([]);
    expect(only(run([failed("50102"), failed("50100")]), "auth-error")).toEqual([]);
  });
});
