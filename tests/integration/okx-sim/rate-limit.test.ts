// Per-UID rate limits: shared by every key of a UID, independent across UIDs, sliding 2 s / 1 s windows.
import { describe, expect, it } from "vitest";
import { startOkxSim, type OkxSim } from "@/tests/okx-sim";
import { CALLER_IP, K, testSeed } from "./support/fixtures";
import { seededSim } from "./support/seeded-sim";
import { simFetch } from "./support/signed-fetch";

const CONFIG = "/api/v5/account/config";
let sim: OkxSim;

seededSim((s) => (sim = s), { advanceMs: 5_000, calls: true });

const config = (k: typeof K.reader) => simFetch(sim, sim.urls.global, k, CONFIG);

describe("okx-sim rate limits", () => {
  it("account/config: 5 per 2 s per UID, shared by two keys of that UID; 6th gets 50011 with HTTP 429", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await config(i % 2 ? K.reader2 : K.reader)).json.code);
    expect(codes).toEqual(["0", "0", "0", "0", "0"]);
    const sixth = await config(K.reader2);
    expect(sixth.status).toBe(429);
    expect(sixth.json.code).toBe("50011");
    expect(sim.countCode("50011")).toBe(1);
  });

  it("another UID is not affected by the first UID's exhaustion", async () => {
    for (let i = 0; i < 6; i++) await config(K.reader);
    expect(sim.countCode("50011")).toBe(1);
    const others = await Promise.all([0, 1, 2, 3, 4].map(() => config(K.other)));
    expect(others.map((r) => r.json.code)).toEqual(["0", "0", "0", "0", "0"]);
  });

  it("window slides: still limited 1.5 s after the first call, free once it is 2 s old", async () => {
    for (let i = 0; i < 5; i++) await config(K.reader);
    sim.clock.advance(1_500); // real time also flows; 500 ms of margin for a loaded machine
    expect((await config(K.reader)).json.code).toBe("50011");
    sim.clock.advance(600);
    expect((await config(K.reader)).json.code).toBe("0");
  });

  it("rejected requests do not extend the window", async () => {
    for (let i = 0; i < 5; i++) await config(K.reader);
    for (let i = 0; i < 10; i++) expect((await config(K.reader)).json.code).toBe("50011");
    sim.clock.advance(2_100);
    expect((await config(K.reader)).json.code).toBe("0");
  });

  it("sub-account list allows 2 per 2 s per UID", async () => {
    const rs = await Promise.all(Array.from({ length: 3 }, () => simFetch(sim, sim.urls.global, K.admin, "/api/v5/users/subaccount/list")));
    const codes = rs.map((r) => r.json.code).sort();
    expect(codes.filter((c) => c === "0")).toHaveLength(2);
    expect(codes.filter((c) => c === "50011")).toHaveLength(1);
    // Another key of the same UID shares the budget.
    expect((await simFetch(sim, sim.urls.global, K.reader, "/api/v5/users/subaccount/list")).json.code).toBe("50011");
    sim.clock.advance(2_100);
    expect((await simFetch(sim, sim.urls.global, K.reader, "/api/v5/users/subaccount/list")).json.code).toBe("0");
  });

  it("50011 may come with HTTP 200 instead of 429 (rateLimitStatus)", async () => {
    const local = await startOkxSim({ seed: testSeed(), rateLimitStatus: 200 });
    try {
      const rs = await Promise.all(Array.from({ length: 3 }, () => simFetch(local, local.urls.global, K.admin, "/api/v5/users/subaccount/list")));
      const limited = rs.find((r) => r.json.code === "50011");
      expect(limited?.status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it("sub-account key create: 1 per second per UID", async () => {
    const create = (label: string) =>
      simFetch(sim, sim.urls.global, K.admin, "/api/v5/users/subaccount/apikey", {
        method: "POST",
        body: { subAcct: "bot-sub-1", label, passphrase: "Some-Pass-123", perm: "read_only", ip: CALLER_IP },
      });
    expect((await create("a")).json.code).toBe("0");
    const second = await create("b");
    expect(second.status).toBe(429);
    expect(second.json.code).toBe("50011");
    sim.clock.advance(1_001);
    expect((await create("c")).json.code).toBe("0");
  });

  it("200 keys over 20 UIDs at once: exactly 5 accepted per UID", async () => {
    // A 60 s window keeps the count exact even on a loaded machine (the 2 s default is tested above).
    const local = await startOkxSim({
      rateLimits: { "account-config": { limit: 5, windowMs: 60_000 } },
      seed: {
        accounts: Array.from({ length: 20 }, (_, u) => ({ uid: String(900000 + u) })),
        keys: Array.from({ length: 200 }, (_, i) => ({
          apiKey: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`,
          secretKey: "AB".repeat(16),
          passphrase: "Bench-Pass-1",
          label: `bench-${i}`,
          perm: "read_only",
          uid: String(900000 + (i % 20)),
        })),
      },
    });
    try {
      const rs = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          simFetch(
            local,
            local.urls.global,
            { apiKey: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`, secretKey: "AB".repeat(16), passphrase: "Bench-Pass-1" },
            CONFIG,
          ),
        ),
      );
      expect(rs.filter((r) => r.json.code === "0")).toHaveLength(100);
      expect(local.countCode("50011")).toBe(100);
      const perUid = new Map<string, number>();
      for (const c of local.calls) if (c.code === "0") perUid.set(c.uid!, (perUid.get(c.uid!) ?? 0) + 1);
      expect([...perUid.values()]).toEqual(Array(20).fill(5));
    } finally {
      await local.close();
    }
  });
});
