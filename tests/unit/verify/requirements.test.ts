import { describe, expect, it } from "vitest";
import {
  evaluateKey,
  terminalSafe,
  terminalSafeJson,
  worstStatus,
  type VerifyCheck,
  type VerifyInput,
  type VerifyRequirements,
} from "@/lib/verify/requirements";

const NOW = new Date("2026-12-02T12:00:00Z");
const NONE: VerifyRequirements = { require: [], forbid: [], requireIp: false, maxAgeDays: null, entity: null };
const key: VerifyInput["key"] = {
  createdOn: new Date("2026-11-02T00:00:00Z"),
  createdOnSource: "user",
  region: "global",
  demo: false,
  subAcct: null,
  listing: null,
};

let nextId = 1;
function check(over: Partial<VerifyCheck> = {}): VerifyCheck {
  return {
    id: nextId++,
    at: NOW,
    outcome: "ok",
    code: "0",
    message: "",
    perm: ["read_only", "trade"],
    ip: ["203.0.113.10"],
    uid: "448203315678901",
    mainUid: "448203315678901",
    label: "bot",
    region: "global",
    demo: false,
    host: null,
    notFoundAnywhere: false,
    ...over,
  };
}
const ipBlocked = (over: Partial<VerifyCheck> = {}) =>
  check({ outcome: "ip_blocked", code: "50110", message: "IP not allowed", perm: null, ip: null, ...over });
const verdict = (over: Partial<VerifyInput> = {}) => evaluateKey({ key, check: check(), earlier: [], requirements: NONE, now: NOW, ...over });
const req = (over: Partial<VerifyRequirements>) => ({ ...NONE, ...over });

describe("evaluateKey: requirements on a key OKX answered for", () => {
  it("passes with no requirements, and names each requirement that held", () => {
    expect(verdict()).toMatchObject({
      status: "pass",
      summary: "works",
      entity: "global",
      perm: ["read_only", "trade"],
      permSource: "check",
      ageDays: 30,
      requirements: [],
    });
    const v = verdict({ requirements: req({ require: ["read", "trade"], forbid: ["withdraw"], requireIp: true, maxAgeDays: 30, entity: "global" }) });
    expect(v.status).toBe("pass");
    expect(v.requirements.map((r) => [r.name, r.held, r.known])).toEqual([
      ["require read", true, true],
      ["require trade", true, true],
      ["forbid withdraw", true, true],
      ["require IP binding", true, true],
      ["max age 30 days", true, true],
      ["entity global", true, true],
    ]);
  });

  it("fails each requirement that does not hold, with OKX's words in the reason", () => {
    const v = verdict({
      check: check({ perm: ["read_only", "withdraw", "trade"], ip: [] }),
      requirements: req({ forbid: ["withdraw"], requireIp: true, maxAgeDays: 29, entity: "eea" }),
    });
    expect(v.status).toBe("requirement_failed");
    expect(v.requirements.filter((r) => !r.held).map((r) => r.name)).toEqual(["forbid withdraw", "require IP binding", "max age 29 days", "entity eea"]);
    expect(v.summary).toMatch(/forbid withdraw: withdraw present \(OKX: read_only,withdraw,trade\)/);
    expect(v.summary).toMatch(/require IP binding: no IP bound/);
    expect(v.summary).toMatch(/max age 29 days: 30 days old/);
    expect(v.summary).toMatch(/entity eea: OKX's global host answered/);
    expect(verdict({ check: check({ perm: ["read_only"] }), requirements: req({ require: ["trade"] }) }).summary).toMatch(
      /require trade: trade missing \(OKX: read_only\)/,
    );
  });

  it("takes the entity from the host that answered, not from the stored setting", () => {
    expect(verdict({ check: check({ region: "eea" }), requirements: req({ entity: "eea" }) }).status).toBe("pass");
    // Checks stored before the entity was recorded: the key's setting is what was asked.
    expect(verdict({ check: check({ region: null }), requirements: req({ entity: "global" }) }).status).toBe("pass");
  });

  it("an unknown age (created-on date never entered) never passes --max-age", () => {
    const added = { ...key, createdOnSource: "added" as const };
    const within = verdict({ key: added, requirements: req({ maxAgeDays: 90 }) });
    expect(within.status).toBe("requirement_failed");
    expect(within.requirements[0]).toMatchObject({ held: false, known: false });
    expect(within.requirements[0].reason).toMatch(
      /^at least 30 days old \(age unknown: counted from 2026-11-02, the day it was added\); enter its created-on date/,
    );
    // Already past the limit counting from the day it was added: certainly too old.
    expect(verdict({ key: added, requirements: req({ maxAgeDays: 10 }) }).requirements[0]).toMatchObject({ held: false, known: true });
    // OKX's own creation date (sub-account keys) is known.
    expect(verdict({ key: { ...key, createdOnSource: "okx" }, requirements: req({ maxAgeDays: 90 }) }).status).toBe("pass");
  });

  it("reports a demo key as demo (from the answer, else the stored flag)", () => {
    expect(verdict({ check: check({ demo: true }) }).demo).toBe(true);
    expect(verdict({ key: { ...key, demo: true }, check: check({ demo: null }) }).demo).toBe(true);
    expect(verdict().demo).toBe(false);
  });
});

describe("evaluateKey: 50110 (bound to another IP)", () => {
  it("passes --require-ip and reports permissions as unknown for a master-account key", () => {
    const v = verdict({ check: ipBlocked(), requirements: req({ requireIp: true }) });
    expect(v).toMatchObject({ status: "pass", perm: null, permSource: null });
    expect(v.summary).toMatch(/50110/);
  });

  it("never passes a --require or --forbid on unknown permissions, and says why", () => {
    const v = verdict({ check: ipBlocked(), requirements: req({ requireIp: true, forbid: ["withdraw"], require: ["trade"] }) });
    expect(v.status).toBe("requirement_failed");
    const failed = v.requirements.filter((r) => !r.held);
    expect(failed.map((r) => [r.name, r.known])).toEqual([
      ["require trade", false],
      ["forbid withdraw", false],
    ]);
    expect(failed[0].reason).toMatch(/permissions unknown: OKX refused this machine's IP \(50110\)/);
    const sub = verdict({ key: { ...key, subAcct: "bot-sub-1" }, check: ipBlocked(), requirements: req({ forbid: ["withdraw"] }) });
    expect(sub.requirements[0].reason).toMatch(/no stored master key has listed this sub-account key/);
  });

  it("takes a sub-account key's permissions and IPs from its master key's listing", () => {
    const listedAt = new Date("2026-12-02T11:59:00Z");
    const sub = { ...key, subAcct: "bot-sub-1", listing: { perm: ["read_only", "trade"], ip: ["198.51.100.23"], at: listedAt } };
    const v = verdict({ key: sub, check: ipBlocked(), requirements: req({ require: ["trade"], forbid: ["withdraw"], requireIp: true }) });
    expect(v).toMatchObject({ status: "pass", perm: ["read_only", "trade"], permSource: "master-listing", permListedAt: listedAt, ip: ["198.51.100.23"] });
    // A listing is only read for sub-account keys.
    expect(verdict({ key: { ...sub, subAcct: null }, check: ipBlocked(), requirements: req({ require: ["trade"] }) }).status).toBe("requirement_failed");
  });
});

describe("evaluateKey: failure classes", () => {
  const answeredBefore = check({ at: new Date(NOW.getTime() - 86_400_000) });
  const c50119 = (over: Partial<VerifyCheck> = {}) =>
    check({ outcome: "auth_error", code: "50119", message: "API key doesn't exist", perm: null, ip: null, ...over });

  it("gone: 50119 on the host that answered for the key before, or on every host", () => {
    expect(verdict({ check: c50119(), earlier: [answeredBefore] })).toMatchObject({
      status: "gone",
      summary: expect.stringMatching(/the host that answered for it at 2026-12-01 12:00 UTC no longer knows it/),
    });
    // OKX looked the key up there before and refused something else: it existed on that host.
    expect(verdict({ check: c50119(), earlier: [{ ...answeredBefore, outcome: "auth_error", code: "50105" }] }).status).toBe("gone");
    // The same host answering 50119 later than now proves nothing about now.
    expect(verdict({ check: c50119(), earlier: [{ ...answeredBefore, at: new Date(NOW.getTime() + 1000) }] }).status).toBe("auth_error");
    expect(verdict({ check: c50119({ notFoundAnywhere: true }) }).summary).toMatch(/no OKX host knows it/);
    expect(verdict({ check: null, skipped: "its secrets were destroyed" })).toMatchObject({ status: "gone" });
  });

  it("not gone: a 50119 from a host that never answered for the key (most often the wrong region)", () => {
    expect(verdict({ check: c50119() }).status).toBe("auth_error");
    expect(verdict({ check: c50119(), earlier: [{ ...answeredBefore, region: "eea" }] }).status).toBe("auth_error");
    expect(verdict({ check: c50119(), earlier: [{ ...answeredBefore, host: "https://us.okx.com" }] }).status).toBe("auth_error");
    expect(verdict({ check: c50119(), earlier: [{ ...answeredBefore, demo: true }] }).status).toBe("auth_error");
    // A check made before hosts were recorded proves nothing about this host.
    expect(verdict({ check: c50119(), earlier: [{ ...answeredBefore, region: null }] }).status).toBe("auth_error");
    expect(verdict({ check: c50119(), earlier: [{ ...answeredBefore, outcome: "network_error", code: "" }] }).status).toBe("auth_error");
  });

  it.each(["50113", "50105", "50101", "50111", "50100"])("auth error: OKX refuses the key with %s", (code) => {
    const v = verdict({
      check: check({ outcome: code === "50100" ? "error" : "auth_error", code, message: "nope", perm: null, ip: null }),
      requirements: req({ requireIp: true }),
    });
    expect(v.status).toBe("auth_error");
    expect(v.summary).toContain(`OKX ${code}: nope`);
    expect(v.requirements).toEqual([expect.objectContaining({ held: false, known: false })]);
  });

  it.each([
    ["network_error", ""],
    ["rate_limited", "50011"],
    ["error", ""],
    ["auth_error", "50102"],
    ["error", "50001"],
    ["error", "50026"],
    ["error", "50013"],
    ["error", "50103"],
    ["rate_limited", "50061"],
  ] as const)("unreachable: %s %s says nothing about the key", (outcome, code) => {
    expect(verdict({ check: check({ outcome, code, message: "Could not reach OKX", perm: null, ip: null }) }).status).toBe("unreachable");
  });

  it("no answer stored at all is unreachable, never a pass", () => {
    expect(verdict({ check: null }).status).toBe("unreachable");
  });
});

describe("worstStatus", () => {
  it("orders gone, auth error, requirement, unreachable, pass", () => {
    expect(worstStatus(["pass", "unreachable", "requirement_failed"])).toBe("requirement_failed");
    expect(worstStatus(["unreachable", "auth_error", "gone"])).toBe("gone");
    expect(worstStatus(["unreachable", "pass"])).toBe("unreachable");
    expect(worstStatus(["pass"])).toBe("pass");
    expect(worstStatus([])).toBe("pass");
  });
});

describe("terminal safety", () => {
  it("escapes control characters and bidi overrides, keeps ordinary text", () => {
    expect(terminalSafe("Grid bot — ü €")).toBe("Grid bot — ü €");
    expect(terminalSafe("a\u001b[31mred\u0007\u009b2J\u202e")).toBe("a\\x1b[31mred\\x07\\x9b2J\\u202e");
  });

  it("JSON stays parseable and equal after escaping", () => {
    const value = { label: "x\u009b\u202ey\u001b", n: 1 };
    const json = terminalSafeJson(value);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
