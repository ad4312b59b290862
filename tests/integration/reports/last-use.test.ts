// The owner's "last used" date on a real SQLite file, through the simulator and the report: OKX's 14-day countdown
// runs from it (else from the created-on date), never from Keywarden's own successful checks.
import { beforeAll, describe, expect, it } from "vitest";
import { fastClient, integrationEnv } from "../../support/integration-env";
import type { OkxSim } from "../../okx-sim";
import { CALLER_IP, addSimKey } from "../okx/sim-fixtures";

const PASS = "copper-violin-tundra-57";
const DAY_MS = 86_400_000;
const ymd = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);
let sim: OkxSim;
let id: string;
let m: {
  keys: typeof import("@/lib/keys/key-store");
  checks: typeof import("@/lib/checks");
  reports: typeof import("@/lib/reports/vault-report");
  db: typeof import("@/lib/db/client");
};

const env = integrationEnv({ prefix: "kw-last-use-", sim: { callerIp: CALLER_IP }, vault: PASS, client: fastClient });
beforeAll(async () => {
  sim = env.sim;
  m = {
    keys: await import("@/lib/keys/key-store"),
    checks: await import("@/lib/checks"),
    reports: await import("@/lib/reports/vault-report"),
    db: await import("@/lib/db/client"),
  };
  const c = addSimKey(sim, { uid: "7100", perm: "read_only,trade", ip: [] });
  id = (
    await m.keys.addKey({
      label: "scalper",
      region: c.region,
      demo: false,
      purpose: "trade",
      usedBy: "scalper @ vps",
      createdOn: ymd(6),
      notes: "",
      apiKey: c.apiKey,
      secretKey: c.secretKey,
      passphrase: c.passphrase,
    })
  ).id;
});

async function countdown() {
  const k = (await m.reports.loadVaultReport()).keys.find((r) => r.key.id === id)!;
  return { at: k.audit.deletionAt, from: k.audit.deletionCountedFrom, finding: k.audit.findings.find((f) => f.rule === "okx-14-day-deletion")! };
}

describe("last use and the 14-day countdown", () => {
  it("a successful check leaves the countdown at the created-on date", async () => {
    expect((await m.checks.checkKey(id)).outcome).toBe("ok");
    const { at, from, finding } = await countdown();
    expect(from!.toISOString().slice(0, 10)).toBe(ymd(6));
    expect(at!.getTime()).toBe(Date.parse(ymd(6)) + 14 * DAY_MS);
    expect(finding.title).toContain(`no use recorded since ${ymd(6)}`);
  });
  it("the owner's last use moves it, is logged, and can be cleared", async () => {
    const dto = await m.keys.setLastUsedOn(id, { lastUsedOn: ymd(1) });
    expect(dto.lastUsedOn).toBe(ymd(1));
    expect((await countdown()).at!.getTime()).toBe(Date.parse(ymd(1)) + 14 * DAY_MS);
    const event = await (await m.db.db()).auditEvent.findFirstOrThrow({ where: { action: "key.last_used", keyId: id } });
    expect(JSON.parse(event.detail)).toEqual({ from: null, to: ymd(1) });
    await m.keys.setLastUsedOn(id, { lastUsedOn: "" });
    expect((await countdown()).from!.toISOString().slice(0, 10)).toBe(ymd(6));
  });
  it("refuses a future date, one before the key was created, and a malformed one", async () => {
    await expect(m.keys.setLastUsedOn(id, { lastUsedOn: ymd(-2) })).rejects.toMatchObject({
      fieldErrors: { lastUsedOn: ["The last use cannot be in the future."] },
    });
    await expect(m.keys.setLastUsedOn(id, { lastUsedOn: ymd(9) })).rejects.toMatchObject({
      fieldErrors: { lastUsedOn: [expect.stringMatching(/cannot have been used before that/)] },
    });
    await expect(m.keys.setLastUsedOn(id, { lastUsedOn: "yesterday" })).rejects.toMatchObject({ fieldErrors: { lastUsedOn: expect.any(Array) } });
    expect((await m.keys.getKey(id)).lastUsedOn).toBeNull();
  });
});
