// sessionRoute, the start of every route handler: without a session the handler never runs and the answer is a
// 401; what the handler throws becomes 404 / 400 / 500 with the user's words only. Every answer is JSON, no-store.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { NotFoundError, ValidationError, VaultLockedError } from "@/lib/errors/app-error";

const state = vi.hoisted(() => ({ locked: false, calls: 0 }));

vi.mock("@/lib/session/session", () => ({
  requireSession: async () => {
    if (state.locked) throw new VaultLockedError();
  },
}));

const { sessionRoute } = await import("@/lib/session/session-route");

beforeEach(() => {
  state.locked = false;
  state.calls = 0;
});

const req = new Request("http://127.0.0.1:3000/api/x");

async function answer(handler: () => Promise<Response>) {
  const r = await sessionRoute(async () => {
    state.calls++;
    return handler();
  })(req, { params: Promise.resolve({}) });
  return { status: r.status, cache: r.headers.get("cache-control"), type: r.headers.get("content-type"), body: (await r.json()) as { error?: string } };
}

describe("sessionRoute", () => {
  it("refuses without a session before the handler runs", async () => {
    state.locked = true;
    const r = await answer(async () => Response.json({ secret: "data" }));
    expect(r).toMatchObject({ status: 401, cache: "no-store" });
    expect(r.type).toMatch(/^application\/json/);
    expect(r.body.error).toMatch(/locked/);
    expect(state.calls).toBe(0);
  });

  it("passes the handler's own answer through with a session", async () => {
    const r = await answer(async () => Response.json({ done: 1 }, { status: 202 }));
    expect(r).toMatchObject({ status: 202, body: { done: 1 } });
    expect(state.calls).toBe(1);
  });

  it("answers a NotFoundError with 404 and a ValidationError with 400, in the user's words", async () => {
    expect(await answer(async () => Promise.reject(new NotFoundError("This incident")))).toMatchObject({
      status: 404,
      cache: "no-store",
      body: { error: "This incident was not found. It may have been deleted." },
    });
    expect(await answer(async () => Promise.reject(new ValidationError({ format: ["Unknown."] }, "Unknown.")))).toMatchObject({
      status: 400,
      body: { error: "Unknown." },
    });
  });

  it("answers anything else with 500 and the generic words, never the exception's text", async () => {
    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const r = await answer(async () => Promise.reject(new Error("SQLITE_CORRUPT at /secret/path")));
    err.mockRestore();
    expect(r.status).toBe(500);
    expect(r.body.error).toMatch(/Something went wrong/);
    expect(JSON.stringify(r.body)).not.toContain("/secret/path");
  });
});
