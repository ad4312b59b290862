// Issue 4's rate-limit case through the app's own check-all (stored keys, real SQLite file, the UIDs a run
// learns stored in Check rows): 30 keys of one OKX account plus 30 spread over ten others. OKX allows
// account/config 5 times per 2 s per UID; the checker itself must never be answered 50011.
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";
import type { OkxSim } from "../../okx-sim";
import { CALLER_IP, addSimKey } from "../okx/sim-fixtures";

const env = integrationEnv({ prefix: "kw-pacing-", sim: { callerIp: CALLER_IP }, vault: "copper-violin-tundra-57" });
let sim: OkxSim;
const ids: string[] = [];

beforeAll(async () => {
  sim = env.sim;
  const { addKey } = await import("@/lib/keys/key-store");
  const layout: [string, number][] = [["7000", 30], ...Array.from({ length: 10 }, (_, i): [string, number] => [`71${i}0`, 3])];
  for (const [uid, n] of layout) {
    for (let i = 0; i < n; i++) {
      // Sub-account keys (mainUid differs), so no master-key discovery adds calls of its own.
      const creds = addSimKey(sim, { uid, mainUid: "6999", perm: "read_only", ip: [CALLER_IP] });
      const key = await addKey({
        ...creds,
        label: `uid ${uid} #${i}`,
        purpose: "read",
        usedBy: "",
        createdOn: "2026-11-01",
        notes: "",
      });
      ids.push(key.id);
    }
  }
}, 120_000);

describe("check all, 30 keys of one UID + 30 of ten others", () => {
  it("never causes 50011: first with UIDs unknown, then with the UIDs stored by the first run", async () => {
    const { checkAll } = await import("@/lib/checks");
    const { OkxClient, setDefaultOkxClient } = await import("@/lib/okx");
    setDefaultOkxClient(new OkxClient());
    const first = await checkAll({ keyIds: ids, actor: "system" });
    expect(first).toMatchObject({ total: 60, ok: 60 });
    expect(sim.countCode("50011")).toBe(0);

    // Let OKX's windows drain, then a fresh client: it knows nothing in memory, only what the checks stored.
    await new Promise((r) => setTimeout(r, 2500));
    setDefaultOkxClient(new OkxClient());
    sim.resetCalls();
    const started = Date.now();
    const second = await checkAll({ keyIds: ids, actor: "system" });
    const elapsed = Date.now() - started;
    setDefaultOkxClient();
    expect(second).toMatchObject({ total: 60, ok: 60 });
    expect(sim.countCode("50011")).toBe(0);
    expect(sim.calls.filter((c) => c.path.startsWith("/api/v5/account/config") && c.code === "0")).toHaveLength(60);
    // Paced, not serial: 30 calls of uid 7000 need six windows (≥ 10 s), while one shared budget for all 60
    // keys (what an unknown UID costs) would need twelve (≥ 22 s).
    expect(elapsed).toBeGreaterThanOrEqual(10_000);
    expect(elapsed).toBeLessThan(22_000);
    console.info(`[pacing] check-all 60 keys, UIDs known: ${elapsed} ms (floor 10,000 ms)`);
  }, 120_000);
});
