// Discovery pages through a long sub-account list the way OKX pages it (newest first, `after` = strictly older
// than a creation time). Sub-accounts created in the same millisecond must not fall between two pages.
import { afterAll, beforeAll, expect, it } from "vitest";
import { discoverSubAccountKeys } from "@/lib/sub-accounts/discover-keys";
import { RateLimiter } from "@/lib/okx/rate-limiter";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { CALLER_IP, addSimAccount, addSimKey, simClient } from "../okx/sim-fixtures";

let sim: OkxSim;
// Limits raised on both sides: this test is about paging, not pacing (check-all-pacing covers that).
const fast = { limit: 1000, windowMs: 2000 };

beforeAll(async () => {
  sim = await startOkxSim({ callerIp: CALLER_IP, rateLimits: { "subaccount-list": fast, "subaccount-apikey-query": fast } });
});
afterAll(() => sim.close());

it("finds all 130 sub-accounts when sub-accounts created in the same millisecond straddle a page boundary", async () => {
  // Created three per millisecond, newest first: the 100th and 101st (page boundary) share a creation time.
  const base = Date.now() - 86_400_000;
  const subAccounts = Array.from({ length: 130 }, (_, i) => ({
    subAcct: `sub${String(i).padStart(3, "0")}`,
    uid: String(91_000 + i),
    createdAt: base - Math.floor(i / 3),
  }));
  addSimAccount(sim, { uid: "90000", subAccounts });
  const master = addSimKey(sim, { uid: "90000", perm: "read_only,trade", ip: [CALLER_IP] });
  addSimKey(sim, { uid: "91129", subAcct: "sub129", perm: "read_only" });
  const client = simClient(sim, { limiter: new RateLimiter({ rules: { subaccountList: fast, subaccountApikeyGet: fast } }) });
  const config = await client.getAccountConfig(master);

  const result = await discoverSubAccountKeys(client, master, config);

  expect(result.ok && result.subAccounts).toBe(130);
  expect(result.ok && result.keys.map((k) => k.subAcct)).toEqual(["sub129"]);
  expect(sim.calls.filter((c) => c.path.startsWith("/api/v5/users/subaccount/list")).length).toBeGreaterThan(1);
});
