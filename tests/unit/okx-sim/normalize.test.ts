import { describe, expect, it } from "vitest";
import { parseIps, parsePerm, permString } from "@/tests/okx-sim/normalize";

describe("okx-sim perm/ip parsing", () => {
  it("implies read_only and uses OKX's order", () => {
    expect(permString(parsePerm("trade,withdraw"))).toBe("read_only,withdraw,trade");
    expect(parsePerm(["trade"])).toEqual(["read_only", "trade"]);
    expect(parsePerm("")).toEqual(["read_only"]);
    expect(() => parsePerm("read_only,admin")).toThrow(/admin/);
  });

  it("accepts commas or spaces, dedupes, caps at 20 and rejects non-IPs", () => {
    expect(parseIps("1.2.3.4, 5.6.7.8 1.2.3.4")).toEqual(["1.2.3.4", "5.6.7.8"]);
    expect(parseIps("")).toEqual([]);
    expect(parseIps(["2001:db8::1"])).toEqual(["2001:db8::1"]);
    expect(() => parseIps("1.2.3")).toThrow();
    expect(() => parseIps(Array.from({ length: 21 }, (_, i) => `10.0.0.${i}`))).toThrow(/20/);
    expect(parseIps(Array.from({ length: 20 }, (_, i) => `10.0.0.${i}`))).toHaveLength(20);
  });
});
