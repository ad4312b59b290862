import { describe, expect, it } from "vitest";
import { auditKey } from "@/lib/audit";
import { NOW, daysAgo, failed, makeKey, ok, only, policy } from "./fixtures";

const G = { region: "global", demo: false, host: null } as const;
const run = (checks = [ok({ ...G, at: daysAgo(2) }), failed("50119", G)], key = makeKey()) => auditKey(key, checks, policy(), NOW).findings;

describe("dead-key rule (50119 with proof that the key is gone)", () => {
  it("50119 from the host that answered for the key before: critical, worded as deleted, no region hunt → Rotate", () => {
    const before = ok({ ...G, at: daysAgo(2) });
    const c = failed("50119", G);
    const findings = run([before, c]);
    const [f] = only(findings, "dead-key");
    expect(f).toMatchObject({ severity: "critical", action: "rotate" });
    expect(f!.title).toMatch(/50119.*deleted/);
    expect(f!.why).toContain(`check #${before.id}`);
    expect(f!.evidence).toMatchObject({ checkId: c.id, at: c.at });
    expect(f!.evidence.detail).toMatch(new RegExp(`returned 50119.*check #${before.id}.*same host`));
    expect(f!.fix.join(" ")).toMatch(/Rotate/);
    expect(f!.fix.join(" ")).not.toMatch(/Region|region/);
    expect(only(findings, "auth-error")).toEqual([]);
  });
  it("any answer only a host that holds the key gives counts as 'answered before' (50110, 50105, 50113, 50100)", () => {
    for (const code of ["50110", "50105", "50113", "50100"]) {
      expect(only(run([failed(code, { ...G, at: daysAgo(2) }), failed("50119", G)]), "dead-key"), code).toHaveLength(1);
    }
    for (const code of ["50119", "50101", "50111"]) {
      expect(only(run([failed(code, { ...G, at: daysAgo(2) }), failed("50119", G)]), "dead-key"), code).toEqual([]);
    }
  });
  it("entity detection found the key on no host: critical, deleted or never created", () => {
    const [f] = only(run([failed("50119", { ...G, notFoundAnywhere: true })]), "dead-key");
    expect(f).toMatchObject({ severity: "critical", action: "rotate" });
    expect(f!.title).toMatch(/No OKX entity knows this key.*deleted, or never created/);
    expect(f!.fix.join(" ")).not.toMatch(/Region/);
  });
  it("an answer from another region, environment or host, or from before origins were recorded, proves nothing here", () => {
    for (const other of [{ ...G, region: "eea" }, { ...G, demo: true }, { ...G, host: "https://us.okx.com" }, { region: null, demo: null, host: null }, {}]) {
      const findings = run([ok({ ...other, at: daysAgo(2) }), failed("50119", G)]);
      expect(only(findings, "dead-key"), JSON.stringify(other)).toEqual([]);
      expect(only(findings, "auth-error")).toHaveLength(1);
    }
  });
  it("only looks at the latest conclusive check: a later ok clears it, a later network error does not", () => {
    expect(only(run([ok({ ...G, at: daysAgo(3) }), failed("50119", { ...G, at: daysAgo(2) }), ok()]), "dead-key")).toEqual([]);
    expect(
      only(run([ok({ ...G, at: daysAgo(3) }), failed("50119", { ...G, at: daysAgo(2) }), failed("", { at: daysAgo(1) }), failed("50011")]), "dead-key"),
    ).toHaveLength(1);
  });
  it("a later answer that says nothing about the key (clock off, OKX 5xx, a request built wrong) does not clear it", () => {
    for (const later of [failed("50102"), failed("50112"), failed("50104"), failed("", { outcome: "error" })]) {
      expect(only(run([ok({ ...G, at: daysAgo(3) }), failed("50119", { ...G, at: daysAgo(2) }), later]), "dead-key"), later.code || "5xx").toHaveLength(1);
    }
    // And a wrong secret stays reported through a later clock error.
    expect(only(run([ok({ at: daysAgo(3) }), failed("50113", { at: daysAgo(2) }), failed("50102")]), "auth-error")).toHaveLength(1);
  });
  it("does not fire on other codes; 50111 is never a deletion", () => {
    expect(only(run([failed("50113")]), "dead-key")).toEqual([]);
    expect(only(run([ok({ ...G, at: daysAgo(2) }), failed("50111", G)]), "dead-key")).toEqual([]);
  });
});

describe("50119 without proof, and 50111", () => {
  it("50119 from a host that never answered for the key: not dead — this host does not know it, Keywarden asks the others", () => {
    const findings = run([failed("50119", G)], makeKey({ region: "global" }));
    expect(only(findings, "dead-key")).toEqual([]);
    const [f] = only(findings, "auth-error");
    expect(f).toMatchObject({ severity: "high", action: "check" });
    expect(f!.title).toMatch(/Global host does not know this key \(50119\)/);
    expect(f!.why).toMatch(/another entity/);
    expect(f!.why).toMatch(/asks the other entities' hosts/);
    expect(f!.fix[0]).toMatch(/Check now/);
    expect(f!.fix[1]).toMatch(/EEA \(my\.okx\.com\).*Edit → Region/);
    expect(f!.title).not.toMatch(/delet/i);
    expect(f!.why).toMatch(/does not mean it was deleted/);
  });
  it("50111 is a malformed or mistyped key: high, re-enter the API key", () => {
    const c = failed("50111");
    const [f] = only(run([ok({ at: daysAgo(2) }), c]), "auth-error");
    expect(f).toMatchObject({ severity: "high", action: "edit" });
    expect(f!.title).toMatch(/50111.*malformed or mistyped/);
    expect(f!.fix[0]).toMatch(/Re-enter the API key.*Replace secrets → API key/);
    expect(f!.fixActions).toEqual([{ kind: "replace-secret", field: "apiKey" }, null]);
    expect(f!.title + f!.why + f!.fix.join(" ")).not.toMatch(/delet/i);
    expect(f!.evidence.detail).toContain("okx says 50111");
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
