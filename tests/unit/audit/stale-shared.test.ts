import { describe, expect, it } from "vitest";
import { auditKey } from "@/lib/audit";
import { DAY, NOW, daysAgo, failed, makeKey, ok, only, policy } from "./fixtures";

describe("stale-check rule", () => {
  it("does not fire just under the window and fires at 7 days", () => {
    expect(only(auditKey(makeKey(), [ok({ at: new Date(NOW.getTime() - 7 * DAY + 1) })], policy(), NOW).findings, "stale-check")).toEqual([]);
    const c = ok({ at: daysAgo(7) });
    const [f] = only(auditKey(makeKey(), [c], policy(), NOW).findings, "stale-check");
    expect(f).toMatchObject({ severity: "medium", action: "check", title: "Not checked successfully for 7 days" });
    expect(f!.evidence.checkId).toBe(c.id);
    expect(f!.fix[0]).toMatch(/Check now/);
  });
  it("fires for a never-checked key with the added date as evidence", () => {
    const key = makeKey({ addedAt: daysAgo(1) });
    const [f] = only(auditKey(key, [], policy(), NOW).findings, "stale-check");
    expect(f).toMatchObject({ severity: "medium", title: "Never checked successfully" });
    expect(f!.evidence.at).toEqual(key.addedAt);
  });
  it("never-ok: evidence names the latest failed attempt", () => {
    const c = failed("50113");
    const [f] = only(auditKey(makeKey(), [c], policy(), NOW).findings, "stale-check");
    expect(f!.evidence.checkId).toBe(c.id);
    expect(f!.evidence.detail).toMatch(/auth_error 50113/);
  });
  it("failures do not refresh it; a 50110 answer does (the key exists and is IP-bound)", () => {
    const old = ok({ at: daysAgo(10) });
    expect(only(auditKey(makeKey(), [old, failed("", { at: daysAgo(1) })], policy(), NOW).findings, "stale-check")).toHaveLength(1);
    expect(only(auditKey(makeKey(), [old, failed("50110", { at: daysAgo(1) })], policy(), NOW).findings, "stale-check")).toEqual([]);
  });
  it("follows the policy window", () => {
    expect(only(auditKey(makeKey(), [ok({ at: daysAgo(2) })], policy({ staleCheckDays: 1 }), NOW).findings, "stale-check")).toHaveLength(1);
  });
});

describe("shared-key rule", () => {
  it("fires medium when the digest is stored twice", () => {
    const key = makeKey();
    const [f] = only(auditKey(key, [ok()], policy(), NOW, { duplicateDigests: new Set([key.apiKeyDigest]) }).findings, "shared-key");
    expect(f).toMatchObject({ severity: "medium", title: "The same OKX key is stored more than once", action: "edit" });
    expect(f!.evidence.detail).toContain(key.fingerprint);
  });
  it("fires medium when one key serves several consumers, listing them", () => {
    const key = makeKey({ consumers: [{ name: "freqtrade", host: "vps-1" }, { name: "Koinly" }] });
    const [f] = only(auditKey(key, [ok()], policy(), NOW).findings, "shared-key");
    expect(f).toMatchObject({ severity: "medium", title: "One key is shared by 2 consumers", action: "rotate" });
    expect(f!.evidence.detail).toBe("Stored consumers: freqtrade (vps-1), Koinly");
  });
  it("does not fire for one consumer, duplicates of the same name, or blank names", () => {
    const key = makeKey({ consumers: [{ name: "bot" }, { name: " Bot " }, { name: "  " }] });
    expect(only(auditKey(key, [ok()], policy(), NOW).findings, "shared-key")).toEqual([]);
    expect(only(auditKey(makeKey(), [ok()], policy(), NOW, { duplicateDigests: new Set(["other"]) }).findings, "shared-key")).toEqual([]);
  });
  it("counts the same app on two hosts as two consumers (two machines hold the key), the same host twice as one", () => {
    const twoHosts = makeKey({
      consumers: [
        { name: "freqtrade", host: "vps-1" },
        { name: "freqtrade", host: "vps-2" },
      ],
    });
    expect(only(auditKey(twoHosts, [ok()], policy(), NOW).findings, "shared-key")).toHaveLength(1);
    const sameHost = makeKey({
      consumers: [
        { name: "freqtrade", host: "vps-1" },
        { name: "Freqtrade ", host: " VPS-1" },
      ],
    });
    expect(only(auditKey(sameHost, [ok()], policy(), NOW).findings, "shared-key")).toEqual([]);
  });
});
