// Who a consumer is (normalized name @ host) and the order an incident revokes keys in.
import { describe, expect, it } from "vitest";
import { consumerHref, consumerId, consumerQuery, displayName } from "@/lib/consumers/consumer-identity";
import { byDanger, topPerm } from "@/lib/consumers/danger";

describe("consumer identity", () => {
  it("ignores case and spacing, keeps hosts apart, and ignores the file path", () => {
    expect(consumerId({ name: " Freqtrade ", host: "VPS-1" })).toBe("freqtrade @ vps-1");
    expect(consumerId({ name: "freqtrade", host: "  vps-1 " })).toBe("freqtrade @ vps-1");
    expect(consumerId({ name: "Koinly  import" })).toBe("koinly import");
    expect(consumerId({ name: "freqtrade", host: "vps-2" })).not.toBe(consumerId({ name: "freqtrade", host: "vps-1" }));
    expect(consumerId({ name: "bot", host: "h", path: "/a/.env" } as never)).toBe(consumerId({ name: "bot", host: "h", path: "/b/.env" } as never));
    expect(displayName({ name: " 3Commas ", host: "cloud" })).toBe("3Commas @ cloud");
  });

  it("reads what a user types on the command line, and round-trips through the URL", () => {
    expect(consumerQuery("3Commas @ Cloud")).toEqual({ name: "3commas", host: "cloud" });
    expect(consumerQuery("3Commas")).toEqual({ name: "3commas", host: null });
    const id = consumerId({ name: "a/b?c#d", host: "x y" });
    expect(decodeURIComponent(consumerHref(id).slice("/consumers/".length))).toBe(id);
  });
});

describe("danger order", () => {
  it("live before demo, then withdraw > trade > read, unknown with withdraw but after the known one", () => {
    const keys = [
      { label: "demo withdraw", demo: true, perm: ["read_only", "trade", "withdraw"] as const },
      { label: "read", demo: false, perm: ["read_only"] as const },
      { label: "unknown", demo: false, perm: null },
      { label: "trade", demo: false, perm: ["read_only", "trade"] as const },
      { label: "withdraw", demo: false, perm: ["read_only", "withdraw"] as const },
    ].map((k) => ({ ...k, perm: k.perm ? [...k.perm] : null }));
    expect([...keys].sort(byDanger).map((k) => k.label)).toEqual(["withdraw", "unknown", "trade", "read", "demo withdraw"]);
    expect(topPerm(null)).toBe("unknown");
    expect(topPerm(["read_only"])).toBe("read_only");
  });
});
