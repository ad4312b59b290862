// The IP allowlist typed for a new key goes to OKX as is: only real addresses (or CIDR ranges) pass.
import { describe, expect, it } from "vitest";
import { parseIpList } from "@/lib/rotation/ip-list";
import { ValidationError } from "@/lib/errors/app-error";

function refusal(raw: string, required = false): Record<string, string[]> {
  try {
    parseIpList(raw, required);
  } catch (e) {
    if (e instanceof ValidationError) return e.fieldErrors as Record<string, string[]>;
    throw e;
  }
  throw new Error("accepted");
}

describe("parseIpList", () => {
  it("accepts IPv4, IPv6 and CIDR, split by commas, spaces or lines, without repeats", () => {
    expect(parseIpList("203.0.113.10, 2001:db8::1\n198.51.100.0/24 203.0.113.10", true)).toEqual(["203.0.113.10", "2001:db8::1", "198.51.100.0/24"]);
  });

  it.each(["999.1.1.1", "cafe", "1.2.3", "10.0.0.0/99", "203.0.113.10/", "localhost"])("refuses %s by name", (bad) => {
    expect(refusal(`203.0.113.10, ${bad}`)).toEqual({ ips: [`Not an IP address: ${bad}.`] });
  });

  it("refuses more than 20 addresses, and none when the key can trade", () => {
    const many = Array.from({ length: 21 }, (_, i) => `203.0.113.${i + 1}`).join(",");
    expect(refusal(many).ips[0]).toMatch(/at most 20/);
    expect(refusal("  ", true).ips[0]).toMatch(/at least one IP/);
    expect(parseIpList("", false)).toEqual([]);
  });
});
