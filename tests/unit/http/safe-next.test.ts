// ?next= on the unlock page: back to the page the user was on, and never to another site.
import { describe, expect, it } from "vitest";
import { safeNextPath, unlockHref } from "@/lib/http/safe-next";

describe("safeNextPath", () => {
  it("keeps a same-origin path with its query", () => {
    expect(safeNextPath("/keys?sort=age&dir=desc")).toBe("/keys?sort=age&dir=desc");
    expect(safeNextPath("/keys/abc/rotate")).toBe("/keys/abc/rotate");
    expect(safeNextPath("/findings?group=key")).toBe("/findings?group=key");
  });

  it("refuses anything a browser could read as another host or a script", () => {
    for (const bad of [
      "//evil.example",
      "//evil.example/keys",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example",
      "http:evil.example",
      "javascript:alert(1)",
      "evil.example",
      "/%0d%0aLocation: x",
      "/\tevil",
      "/\nevil",
      "",
      "/" + "a".repeat(600),
    ]) {
      const r = safeNextPath(bad);
      if (r !== null) expect(new URL(r, "http://127.0.0.1:3000").origin, bad).toBe("http://127.0.0.1:3000");
    }
    expect(safeNextPath("//evil.example")).toBeNull();
    expect(safeNextPath("/\\evil.example")).toBeNull();
    expect(safeNextPath("https://evil.example")).toBeNull();
    expect(safeNextPath(["/keys"])).toBeNull();
    expect(safeNextPath(undefined)).toBeNull();
  });

  it("does not loop back to the unlock or setup page, nor to API routes", () => {
    expect(safeNextPath("/unlock")).toBeNull();
    expect(safeNextPath("/unlock?next=/keys")).toBeNull();
    expect(safeNextPath("/setup")).toBeNull();
    expect(safeNextPath("/api/backup")).toBeNull();
    expect(safeNextPath("/unlocked-thing")).toBe("/unlocked-thing");
  });

  it("builds the unlock link", () => {
    expect(unlockHref("/keys?q=a%20b")).toBe(`/unlock?next=${encodeURIComponent("/keys?q=a%20b")}`);
    expect(unlockHref("/")).toBe("/unlock");
    expect(unlockHref("//evil.example")).toBe("/unlock");
    expect(unlockHref(null)).toBe("/unlock");
  });
});
