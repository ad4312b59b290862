// The dashboard download route: authorizes inside the handler, validates the format, and serves the same
// document as the CLI as a no-store attachment. Session and report loading are stubbed; the export is real.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { VaultLockedError } from "@/lib/errors/app-error";
import { buildAuditDocument } from "@/lib/export";
import { sampleReport } from "./report-fixture";

const state = vi.hoisted(() => ({ locked: false, loads: 0 }));

vi.mock("@/lib/session/session", () => ({
  requireSession: async () => {
    if (state.locked) throw new VaultLockedError();
  },
}));
vi.mock("@/lib/reports/vault-report", () => ({
  loadVaultReport: async () => {
    state.loads++;
    return sampleReport();
  },
}));

const { GET } = await import("@/app/api/export/route");
const get = (query: string) => GET(new Request(`http://127.0.0.1:3000/api/export${query}`));

beforeEach(() => {
  state.locked = false;
  state.loads = 0;
});

describe("GET /api/export", () => {
  it("refuses without a session and loads nothing", async () => {
    state.locked = true;
    const r = await get("?format=json");
    expect(r.status).toBe(401);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(await r.text()).toMatch(/locked/);
    expect(state.loads).toBe(0);
  });

  it("refuses an unknown format", async () => {
    const r = await get("?format=xlsx");
    expect(r.status).toBe(400);
    expect(state.loads).toBe(0);
  });

  it("serves the audit JSON document as an attachment, not cached", async () => {
    const r = await get("?format=json");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="keywarden-audit-2026-06-01.json"');
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(await r.json()).toEqual(JSON.parse(JSON.stringify(buildAuditDocument(sampleReport()))));
  });

  it.each([
    ["csv", /^text\/csv/, /^label,fingerprint/],
    ["md", /^text\/markdown/, /^# Keywarden audit/],
  ])("serves %s", async (format, type, body) => {
    const r = await get(`?format=${format}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(type);
    expect(r.headers.get("content-disposition")).toContain(`.${format}"`);
    expect(await r.text()).toMatch(body);
  });

  it("defaults to JSON", async () => {
    const r = await get("");
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
  });
});
