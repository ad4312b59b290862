// A key's own OKX host: only https hosts under okx.com get the signed requests (which carry the API key and
// passphrase in their headers), so a typo or a look-alike domain is refused with a message, never used.
import { describe, expect, it } from "vitest";
import { HOST_MSG, keyMetadataSchema, okxHostSchema } from "@/lib/keys/key-schema";

describe("okxHostSchema", () => {
  it.each([
    ["", null],
    ["   ", null],
    ["https://us.okx.com", "https://us.okx.com"],
    ["https://US.OKX.com/", "https://us.okx.com"],
    ["us.okx.com", "https://us.okx.com"],
    [" https://openapi.okx.com ", "https://openapi.okx.com"],
    ["https://okx.com", "https://okx.com"],
  ])("accepts %j as %j", (raw, host) => {
    expect(okxHostSchema.parse(raw)).toBe(host);
  });

  it.each([
    "http://us.okx.com",
    "https://okx.com.evil.example",
    "https://evilokx.com",
    "https://us.okx.com:8443",
    "https://user:pw@us.okx.com",
    "https://us.okx.com/api/v5",
    "https://us.okx.com/?a=1",
    "https://us.okx.com/#x",
    "ftp://us.okx.com",
    "not a host at all",
  ])("refuses %j with the field message", (raw) => {
    const r = okxHostSchema.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe(HOST_MSG);
  });
});

describe("the key form's host field", () => {
  const base = { label: "bot", region: "us", demo: false, purpose: "read", usedBy: "", createdOn: "2026-11-01", notes: "" };

  it("is optional: left out or empty means the region's preset", () => {
    expect(keyMetadataSchema.parse(base).host).toBeNull();
    expect(keyMetadataSchema.parse({ ...base, host: "" }).host).toBeNull();
    expect(keyMetadataSchema.parse({ ...base, host: "us.okx.com" }).host).toBe("https://us.okx.com");
  });

  it("reports a bad host under its own field name", () => {
    const r = keyMetadataSchema.safeParse({ ...base, host: "https://okx.example" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["host", HOST_MSG]]);
  });
});
