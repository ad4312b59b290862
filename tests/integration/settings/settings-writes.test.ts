// Settings writes against a real SQLite file: each is validated in lib/settings and written in one transaction with
// its audit event, so a refused value stores nothing and a failed event write leaves the old setting in place.
import { beforeEach, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";
import { ValidationError } from "@/lib/errors/app-error";
import { DEFAULT_POLICY } from "@/lib/audit";

integrationEnv({ prefix: "kw-settings-", vault: "copper-violin-tundra-57" });

async function mods() {
  return {
    settings: await import("@/lib/settings/settings"),
    policy: await import("@/lib/settings/audit-policy"),
    keyring: await import("@/lib/vault/keyring"),
  };
}

// Through the app's own connection: a second SQLite handle in this process would share its POSIX locks, and
// closing it could take the WAL away from under the app's connection.
async function sql(statement: string): Promise<void> {
  await (await import("@/lib/db/client")).db().then((p) => p.$executeRawUnsafe(statement));
}

async function events(action: string): Promise<{ actor: string; detail: unknown }[]> {
  const prisma = await (await import("@/lib/db/client")).db();
  const rows = await prisma.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" }, select: { actor: true, detail: true } });
  return rows.map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) }));
}

async function refusal(p: Promise<unknown>): Promise<Record<string, string[]>> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).fieldErrors ?? {};
}

// The form sends text: numbers as digits, a ticked checkbox as "on", an unticked one not at all.
const FORM = {
  ageWarnDays: "30",
  ageDueDays: "60",
  ageOverdueDays: "120",
  staleCheckDays: "5",
  deletionCriticalDays: "2",
  okxDeletionDays: "14",
  readOnlyNeedsIp: "on",
};

describe("idle minutes", () => {
  it("stores the minutes with their event and applies them to the running keyring", async () => {
    const { settings, keyring } = await mods();
    expect(await settings.saveIdleMinutes("7", { actor: "cli" })).toBe(7);
    expect(await settings.loadIdleMinutes()).toBe(7);
    expect(keyring.keyringState().idleMs).toBe(7 * 60_000);
    expect(await events("settings.idle-timeout")).toEqual([{ actor: "cli", detail: { minutes: 7 } }]);
  });

  it("refuses what is not a whole number of minutes in range, with the field's message, and stores nothing", async () => {
    const { settings } = await mods();
    expect(await refusal(settings.saveIdleMinutes("0"))).toEqual({ idleMinutes: ["At least 1 minute."] });
    expect(await refusal(settings.saveIdleMinutes("1.5"))).toEqual({ idleMinutes: ["Use whole minutes."] });
    expect(await refusal(settings.saveIdleMinutes("1441"))).toEqual({ idleMinutes: ["At most 24 hours (1440 minutes)."] });
    expect(await refusal(settings.saveIdleMinutes("soon"))).toHaveProperty("idleMinutes");
    expect(await settings.loadIdleMinutes()).toBe(7);
    expect(await events("settings.idle-timeout")).toHaveLength(1);
  });
});

describe("audit policy", () => {
  beforeEach(async () => {
    await sql("DROP TRIGGER IF EXISTS refuse_policy_event");
  });

  it("stores the form's policy with its event; the report's loader reads it back", async () => {
    const { policy } = await mods();
    const saved = await policy.savePolicy(FORM);
    expect(saved).toEqual({
      ageWarnDays: 30,
      ageDueDays: 60,
      ageOverdueDays: 120,
      staleCheckDays: 5,
      deletionCriticalDays: 2,
      okxDeletionDays: 14,
      readOnlyNeedsIp: true,
    });
    expect(await policy.loadPolicy()).toEqual(saved);
    expect((await events("settings.policy")).map((e) => e.detail)).toEqual([saved]);
  });

  it("refuses a policy whose rules contradict each other at the field to change, and keeps the stored one", async () => {
    const { policy } = await mods();
    const before = await policy.loadPolicy();
    expect(await refusal(policy.savePolicy({ ...FORM, ageDueDays: "30" }))).toEqual({
      ageDueDays: ["Rotation-due age must be greater than the warn age (30 days)."],
    });
    expect(await refusal(policy.savePolicy({ ...FORM, surprise: "1" }))).toHaveProperty("form");
    expect(await policy.loadPolicy()).toEqual(before);
    expect(await events("settings.policy")).toHaveLength(1);
  });

  it("writes the policy and its event in one transaction: when the event cannot be written, the old policy stays", async () => {
    const { policy } = await mods();
    const before = await policy.loadPolicy();
    await sql(
      "CREATE TRIGGER refuse_policy_event BEFORE INSERT ON AuditEvent WHEN NEW.action LIKE 'settings.policy%' BEGIN SELECT RAISE(ABORT, 'no events today'); END",
    );
    await expect(policy.savePolicy({ ...FORM, ageWarnDays: "45", ageDueDays: "90" })).rejects.toThrow();
    await expect(policy.resetPolicy()).rejects.toThrow();
    expect(await policy.loadPolicy()).toEqual(before);
  });

  it("resets to the defaults with its own event", async () => {
    const { policy } = await mods();
    expect(await policy.resetPolicy({ actor: "cli" })).toEqual(DEFAULT_POLICY);
    expect(await policy.loadPolicy()).toEqual(DEFAULT_POLICY);
    expect(await events("settings.policy-reset")).toEqual([{ actor: "cli", detail: {} }]);
  });
});
