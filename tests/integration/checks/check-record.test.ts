// Pure mapping from OKX client results to Check rows and back to DTOs (no DB needed).
import { describe, expect, it } from "vitest";
import { toCheckDto } from "@/lib/checks/check-dto";
import { CHECK_OUTCOMES } from "@/lib/domain";
import { outcomeForError, recordFromError, recordFromSuccess } from "@/lib/checks/check-record";
import { networkError, okxErrorFromCode, serverError } from "@/lib/okx/errors";
import type { AccountConfig } from "@/lib/okx/types";

const config: AccountConfig = {
  uid: "1",
  mainUid: "0",
  isSubAccount: true,
  perm: ["read_only", "trade"],
  permRaw: "read_only,trade",
  ip: ["1.2.3.4", "5.6.7.8"],
  label: "bot",
  acctLv: "2",
  roleType: null,
  type: "1",
  kycLv: null,
  posMode: null,
  level: null,
  enableSpotBorrow: null,
  opAuth: null,
};

describe("check records", () => {
  it("stores what OKX said on success", () => {
    expect(recordFromSuccess(config, { baseUrl: "x", latencyMs: 12.6, queuedMs: 0, skewMs: -41_000.4, attempts: 1 })).toEqual({
      outcome: "ok",
      code: "0",
      message: "",
      perm: "read_only,trade",
      ip: "1.2.3.4,5.6.7.8",
      uid: "1",
      mainUid: "0",
      label: "bot",
      acctLv: "2",
      acctType: "1",
      latencyMs: 13,
      skewMs: -41_000,
    });
  });

  it.each([
    ["50105", "auth_error"],
    ["50113", "auth_error"],
    ["50111", "auth_error"],
    ["50119", "auth_error"],
    ["50101", "auth_error"],
    ["50102", "auth_error"],
    ["50110", "ip_blocked"],
    ["50011", "rate_limited"],
    ["50100", "error"],
    ["50120", "error"],
    ["50103", "error"],
    ["59999", "error"],
  ])("maps OKX %s to outcome %s", (code, outcome) => {
    const e = okxErrorFromCode(code, `msg ${code}`, 401, { latencyMs: 7, skewMs: 100 });
    expect(outcomeForError(e)).toBe(outcome);
    const r = recordFromError(e);
    expect(r).toMatchObject({ outcome, code, message: `msg ${code}`, perm: null, ip: null, uid: null, latencyMs: 7, skewMs: 100 });
  });

  it("uses plain advice when OKX said nothing, and never a foreign error's text", () => {
    expect(recordFromError(networkError("ECONNREFUSED"))).toMatchObject({
      outcome: "network_error",
      code: "",
      message: expect.stringMatching(/Could not reach OKX \(ECONNREFUSED\)/),
    });
    expect(recordFromError(serverError("missing data[0].perm", 200))).toMatchObject({ outcome: "error", message: expect.stringContaining("data[0].perm") });
    const foreign = recordFromError(new Error("secret=TOPSECRET"));
    expect(foreign.outcome).toBe("error");
    expect(foreign.message).not.toContain("TOPSECRET");
  });

  it("maps rows to DTOs", () => {
    const at = new Date();
    const row = {
      id: 3,
      keyId: "k",
      at,
      outcome: "ok",
      code: "0",
      message: "",
      perm: "read_only,withdraw",
      ip: "",
      uid: "1",
      mainUid: "1",
      label: "l",
      acctLv: "1",
      acctType: "0",
      latencyMs: 5,
      skewMs: null,
      discovery: null,
      region: null,
      demo: null,
      host: null,
      notFoundAnywhere: false,
    };
    expect(toCheckDto(row)).toEqual({ ...row, perm: ["read_only", "withdraw"], permRaw: "read_only,withdraw", ip: [] });
    const discovered = { ok: true, subAccounts: 2, keys: 3, linked: 1 };
    expect(toCheckDto({ ...row, discovery: JSON.stringify(discovered) }).discovery).toEqual(discovered);
    expect(toCheckDto({ ...row, discovery: "{not json" }).discovery).toBeNull();
    expect(toCheckDto({ ...row, outcome: "exploded", perm: null, ip: null })).toMatchObject({ outcome: "error", perm: null, ip: null });
    expect(CHECK_OUTCOMES).toEqual(["ok", "auth_error", "ip_blocked", "rate_limited", "network_error", "error"]);
  });
});
