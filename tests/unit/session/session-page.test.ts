// sessionPage, the start of every dashboard page: no session means the unlock redirect before anything loads;
// params arrive awaited; a NotFoundError from what the page loads is the Not found page, anything else stays an error.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { NotFoundError } from "@/lib/errors/app-error";

const state = vi.hoisted(() => ({ locked: false, loads: 0 }));

vi.mock("@/lib/session/session", () => ({
  requirePageSession: async () => {
    if (state.locked) throw new Error("NEXT_REDIRECT /unlock");
  },
}));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const { sessionPage } = await import("@/lib/session/session-page");

beforeEach(() => {
  state.locked = false;
  state.loads = 0;
});

const props = { params: Promise.resolve({ id: "k1" }), searchParams: Promise.resolve({ saved: "1" }) };

describe("sessionPage", () => {
  it("redirects to unlock before the page loads anything", async () => {
    state.locked = true;
    const page = sessionPage<{ id: string }, { saved?: string }>(async () => {
      state.loads++;
      return "key data";
    });
    await expect(page(props)).rejects.toThrow("NEXT_REDIRECT /unlock");
    expect(state.loads).toBe(0);
  });

  it("renders with the params and the query awaited", async () => {
    const page = sessionPage<{ id: string }, { saved?: string }>(async ({ params, searchParams }) => `${params.id}:${searchParams.saved}`);
    expect(await page(props)).toBe("k1:1");
  });

  it("turns a NotFoundError into the Not found page, and lets other errors through", async () => {
    await expect(sessionPage<{ id: string }>(async () => Promise.reject(new NotFoundError("This key")))(props)).rejects.toThrow("NEXT_NOT_FOUND");
    await expect(sessionPage<{ id: string }>(async () => Promise.reject(new Error("boom")))(props)).rejects.toThrow("boom");
  });
});
