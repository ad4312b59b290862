// The body check proxy.ts runs before Next decodes a server-action call (issue 17): size first, then shape.
import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, actionBodyRefusal, isActionRequest } from "@/lib/http/action-body";

const post = (body: BodyInit, headers: Record<string, string>) => new Request("http://127.0.0.1:3000/keys/new", { method: "POST", body, headers });
const action = { "next-action": "abc" };

describe("actionBodyRefusal", () => {
  it("lets through what React's encoder sends: a JSON argument list, or multipart with part 0 and FormData fields", async () => {
    expect(
      await actionBodyRefusal(
        post('[{},"$$dollar","$undefined","$D2024-01-01T00:00:00.000Z","$n12",null]', { ...action, "content-type": "text/plain;charset=UTF-8" }),
      ),
    ).toBeNull();
    const f = new FormData();
    f.append("0", '[{},"$K1"]');
    f.append("1_label", "$h1 is just text in a field");
    expect(await actionBodyRefusal(post(f, action))).toBeNull();
  });

  it("refuses a declared length over the limit before reading, and an undeclared one once it passes the limit", async () => {
    expect(await actionBodyRefusal(post("[]", { ...action, "content-type": "text/plain", "content-length": String(ACTION_BODY_LIMIT + 1) }))).toMatchObject({
      status: 413,
    });
    const stream = new ReadableStream({
      pull(c) {
        c.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const chunked = new Request("http://127.0.0.1:3000/", {
      method: "POST",
      body: stream,
      headers: { ...action, "content-type": "text/plain" },
      duplex: "half",
    } as RequestInit);
    expect(await actionBodyRefusal(chunked)).toMatchObject({ status: 413 });
  });

  it("answers an undeclared body over the limit when it reads a clone (what proxy.ts passes), instead of hanging", async () => {
    // Cancelling one branch of a tee settles only when the other is cancelled too; awaiting it hung the request.
    const stream = new ReadableStream({
      pull(c) {
        c.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const original = new Request("http://127.0.0.1:3000/", {
      method: "POST",
      body: stream,
      headers: { ...action, "content-type": "text/plain" },
      duplex: "half",
    } as RequestInit);
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise((resolve) => (timer = setTimeout(() => resolve("still waiting after 2 s"), 2000)));
    const verdict = await Promise.race([actionBodyRefusal(original.clone()), hung]);
    clearTimeout(timer);
    expect(verdict).toMatchObject({ status: 413 });
  });

  it.each([
    ["half a JSON list", "[{}, ", "text/plain"],
    ["not a list", '{"a":1}', "text/plain"],
    ["a promise marker", '["$@1"]', "text/plain"],
    ["a server-reference marker", '[{"x":"$h1"}]', "text/plain"],
    ["invalid UTF-8", new Uint8Array([0x5b, 0xff, 0x5d]), "text/plain"],
    ["cut multipart", '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]', "multipart/form-data; boundary=b"],
  ])("refuses %s with a 400", async (_what, body, type) => {
    expect(await actionBodyRefusal(post(body as BodyInit, { ...action, "content-type": type }))).toMatchObject({ status: 400 });
  });

  it("refuses an action call in another content type (415) and leaves route handlers and non-form POSTs alone", async () => {
    expect(await actionBodyRefusal(post("[]", { ...action, "content-type": "application/json" }))).toMatchObject({ status: 415 });
    expect(await actionBodyRefusal(post("{}", { "content-type": "application/json" }))).toBeNull();
    expect(isActionRequest("POST", "/api/restore")).toBe(false);
    expect(isActionRequest("GET", "/keys")).toBe(false);
    expect(isActionRequest("POST", "/settings")).toBe(true);
  });
});
