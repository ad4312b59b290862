import { describe, expect, it } from "vitest";
import { accountConfigSchema, describeIssues, subAccountKeysSchema } from "@/lib/okx/schemas";
import { parsePerm } from "@/lib/domain";
import { parseOkxTs, splitList } from "@/lib/okx/types";

const config = { uid: "100", mainUid: "100", perm: "read_only,trade", ip: "1.2.3.4,5.6.7.8", label: "bot", acctLv: "2" };

describe("OKX response schemas", () => {
  it("tolerates unknown fields and odd optional ones", () => {
    const r = accountConfigSchema.safeParse([{ ...config, brandNewField: { x: 1 }, enableSpotBorrow: "yes?", kycLv: 2 }]);
    expect(r.success).toBe(true);
    expect(r.data?.[0].enableSpotBorrow).toBeUndefined();
    expect(r.data?.[0].kycLv).toBe("2");
  });

  it("reports each missing required field by path", () => {
    const { perm: _p, uid: _u, ...rest } = config;
    const r = accountConfigSchema.safeParse([rest]);
    expect(r.success).toBe(false);
    const text = describeIssues(r.error!);
    expect(text).toContain("missing data[0].perm");
    expect(text).toContain("missing data[0].uid");
  });

  it("reports wrong types and empty replies without echoing values", () => {
    const r = subAccountKeysSchema.safeParse([{ label: "l", apiKey: "k", perm: "read_only", ip: 5, ts: "1" }]);
    expect(describeIssues(r.error!)).toBe("data[0].ip: expected string");
    expect(describeIssues(accountConfigSchema.safeParse([]).error!)).toBe("data: empty");
    const secretish = accountConfigSchema.safeParse([{ ...config, label: { secret: "TOPSECRET" } }]);
    expect(describeIssues(secretish.error!)).not.toContain("TOPSECRET");
  });

  it("parses OKX lists, perms and timestamps", () => {
    expect(splitList("")).toEqual([]);
    expect(splitList("1.2.3.4, 5.6.7.8,")).toEqual(["1.2.3.4", "5.6.7.8"]);
    expect(parsePerm("withdraw,read_only,trade,mystery")).toEqual(["read_only", "trade", "withdraw"]);
    expect(parseOkxTs("1700000000000")?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(parseOkxTs("soon")).toBeNull();
  });
});
