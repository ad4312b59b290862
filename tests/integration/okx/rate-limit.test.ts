// The checker must never cause 50011 itself, and must not be slower than OKX's limits force it to be.
// Floor for account/config (5 per 2 s per UID): the first window opens at once, so per UID (ceil(n / 5) − 1) · 2 s
// (plus the last round trip), UIDs in parallel. Same formula as the bench's check-all floor.
// These drive the client the way check-all does (every key at once, a Semaphore capping sockets, the per-UID
// limiter pacing); check-all itself, with stored keys, is tests/integration/checks/check-all-pacing.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import type { OkxClient } from "@/lib/okx/client";
import { DEFAULT_IN_FLIGHT, Semaphore } from "@/lib/okx/semaphore";
import type { OkxCredentials } from "@/lib/okx/types";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { addSimKey, simClient } from "./sim-fixtures";

interface Item {
  id: string;
  creds: OkxCredentials;
  uidHint: string | null;
}

/** Every key's account/config at once, as check-all sends them; ok per key (a failure is a result, not a throw). */
function checkAccountConfigs(items: readonly Item[], opts: { client: OkxClient; concurrency?: number; onResult?: () => void }) {
  const gate = new Semaphore(opts.concurrency ?? DEFAULT_IN_FLIGHT);
  return Promise.all(
    items.map(async (item) => {
      const ok = await opts.client.getAccountConfigWithMeta(item.creds, { uidHint: item.uidHint, gate }).then(
        () => true,
        () => false,
      );
      opts.onResult?.();
      return { id: item.id, ok };
    }),
  );
}

let sim: OkxSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function floorMs(callsPerUid: Map<string, number>): number {
  return Math.max(...[...callsPerUid.values()].map((n) => (Math.ceil(n / 5) - 1) * 2000));
}

function fleet(s: OkxSim, layout: [uid: string, keys: number][]): (Item & { uid: string })[] {
  return layout.flatMap(([uid, n]) =>
    Array.from({ length: n }, (_, i) => ({ id: `${uid}/${i}`, uid, creds: addSimKey(s, { uid }), uidHint: uid as string | null })),
  );
}

describe("check-all pacing against the simulator", () => {
  it("30 keys of one UID + 30 keys of other UIDs, checked twice with UIDs known: no 50011, close to the floor", async () => {
    sim = await startOkxSim();
    const items = fleet(sim, [["7000", 30], ...Array.from({ length: 10 }, (_, i): [string, number] => [`71${i}0`, 3])]);
    const client = simClient(sim);
    // Measure the clock skew first so the timed part is only account/config.
    await client.measureSkew(sim.urls.global);
    sim.resetCalls();

    const started = Date.now();
    for (let run = 0; run < 2; run++) {
      const results = await checkAccountConfigs(items, { client, concurrency: 16 });
      expect(results.every((r) => r.ok)).toBe(true);
    }
    const elapsed = Date.now() - started;

    const perUid = new Map<string, number>();
    for (const it of items) perUid.set(it.uid, (perUid.get(it.uid) ?? 0) + 2);
    const floor = floorMs(perUid); // 60 calls for uid 7000 → 22 s
    expect(sim.countCode("50011")).toBe(0);
    // Finishing under the floor would mean the limiter let a window overrun (the sim would then answer 50011).
    expect(elapsed).toBeGreaterThanOrEqual(floor);
    expect(sim.calls.filter((c) => c.code === "0")).toHaveLength(120);
    console.info(`[rate] 2 × 60 keys: ${elapsed} ms (floor ${floor} ms, ratio ${(elapsed / floor).toFixed(2)})`);
    // Speed against the floor is reported by `npm run bench`, not asserted here (timing depends on the machine).
  }, 60_000);

  it("200 keys over 20 UIDs all answer with no 50011", async () => {
    sim = await startOkxSim({ recordCalls: true });
    const items = fleet(
      sim,
      Array.from({ length: 20 }, (_, i): [string, number] => [`80${String(i).padStart(2, "0")}`, 10]),
    );
    const client = simClient(sim);
    await client.measureSkew(sim.urls.global);
    sim.resetCalls();
    const started = Date.now();
    let done = 0;
    const results = await checkAccountConfigs(items, { client, onResult: () => done++ });
    const elapsed = Date.now() - started;
    const floor = floorMs(new Map(items.map((i) => [i.uid, 10]))); // 2 s
    expect(results.filter((r) => r.ok)).toHaveLength(200);
    expect(done).toBe(200);
    expect(sim.countCode("50011")).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(floor);
    console.info(`[rate] 200 keys / 20 UIDs: ${elapsed} ms (floor ${floor} ms, ratio ${(elapsed / floor).toFixed(2)})`);
    // Speed against the floor is reported by `npm run bench`, not asserted here (timing depends on the machine).
  }, 60_000);

  it("first run with unknown UIDs causes no 50011, and the second run uses the UIDs it learned", async () => {
    sim = await startOkxSim();
    const items = fleet(sim, [
      ["9001", 5],
      ["9002", 5],
      ["9003", 5],
    ]).map((i) => ({ ...i, uidHint: null }));
    const client = simClient(sim);
    await client.measureSkew(sim.urls.global);
    sim.resetCalls();

    let t = Date.now();
    const first = await checkAccountConfigs(items, { client });
    const firstMs = Date.now() - t;
    expect(first.every((r) => r.ok)).toBe(true);
    for (const i of items) expect(client.learnedUid(i.creds)).toBe(i.uid);

    t = Date.now();
    const second = await checkAccountConfigs(items, { client });
    const secondMs = Date.now() - t;
    expect(second.every((r) => r.ok)).toBe(true);
    expect(sim.countCode("50011")).toBe(0);
    console.info(`[rate] 15 unknown-UID keys: first run ${firstMs} ms, second run ${secondMs} ms`);
    // Unknown: 15 calls through one 5-per-2 s bucket (≥ 4 s). Learned: 3 UIDs in parallel.
    expect(firstMs).toBeGreaterThanOrEqual(4000);
    expect(secondMs).toBeLessThan(firstMs);
  }, 60_000);

  it("a hint that is wrong still cannot cause 50011 on the real UID", async () => {
    sim = await startOkxSim();
    // Ten keys of uid 9100 claimed to be ten different uids (a stale lastUid), checked twice.
    const items = fleet(sim, [["9100", 10]]).map((i, n) => ({ ...i, uidHint: `stale-${n}` }));
    const client = simClient(sim);
    await client.measureSkew(sim.urls.global);
    sim.resetCalls();
    await checkAccountConfigs(items, { client });
    // After the first replies the real uid is charged; the second run is paced by it.
    const second = await checkAccountConfigs(
      items.map((i) => ({ ...i, uidHint: "9100" })),
      { client },
    );
    expect(second.every((r) => r.ok)).toBe(true);
    // The first run cannot be protected (the caller lied); only its own over-run may be rejected, never the second.
    const secondRun = sim.calls.slice(-10);
    expect(secondRun.filter((c) => c.code === "50011")).toHaveLength(0);
  }, 60_000);
});
