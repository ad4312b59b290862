// The demo fleet seed and the standalone entry point: every fleet key behaves as its story says.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS, parseSeed, startOkxSim, type OkxSim, type SimKeyInput, type SimSeed } from "@/tests/okx-sim";
import { signedFetch, simFetch } from "./support/signed-fetch";

const ROOT = path.resolve(__dirname, "../../..");
const FLEET = path.join(ROOT, "tests/okx-sim/seeds/demo-fleet.json");
const CONFIG = "/api/v5/account/config";
const fleet = JSON.parse(readFileSync(FLEET, "utf8")) as SimSeed;
const byLabel = (label: string): SimKeyInput => {
  const k = fleet.keys.find((x) => x.label === label);
  if (!k) throw new Error(`fleet has no key ${label}`);
  return k;
};

let sim: OkxSim;
beforeAll(async () => {
  sim = await startOkxSim({ seed: FLEET });
});
afterAll(() => sim.close());

describe("demo-fleet seed", () => {
  it("uses deterministic, well-formed credentials and vault hints for every key", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const k of fleet.keys) {
      expect(k.apiKey, k.label).toMatch(uuid);
      expect(k.secretKey, k.label).toMatch(/^[0-9A-F]{32}$/);
      expect(k.passphrase.length, k.label).toBeGreaterThanOrEqual(8);
      expect(k.passphrase.length, k.label).toBeLessThanOrEqual(32);
      expect(k.vault?.purpose, k.label).toMatch(/^(read|trade|withdraw)$/);
    }
    expect(new Set(fleet.keys.map((k) => k.apiKey)).size).toBe(fleet.keys.length);
    expect(sim.callerIp).toBe("203.0.113.10"); // taken from the seed
  });

  it("resolves relative days against the sim clock at start", () => {
    const grid = sim.getKey(byLabel("grid-bot").apiKey)!;
    expect(Math.abs(sim.clock.now() - grid.createdAt - 200 * DAY_MS)).toBeLessThan(60_000);
    const freq = sim.getKey(byLabel("freqtrade-spot-laptop").apiKey)!;
    expect(Math.abs(sim.clock.now() - freq.lastUsedAt! - 12 * DAY_MS)).toBeLessThan(60_000);
  });

  it.each([
    ["Koinly tax export", "global", false, "0"],
    ["freqtrade-spot-laptop", "global", false, "0"],
    ["hummingbot-2024", "global", false, "50119"],
    ["grid-bot", "global", false, "0"],
    ["portfolio-tracker", "global", false, "0"],
    ["demo-strategy-test", "global", true, "0"],
    ["demo-strategy-test", "global", false, "50101"],
    ["eu-dca-bot", "eea", false, "0"],
    ["eu-dca-bot", "global", false, "50119"],
    ["keywarden-rotation", "global", false, "0"],
    ["bot-sub-1-primary", "global", false, "0"],
    ["bot-sub-1-readonly", "global", false, "0"],
    ["vps-arb-bot", "global", false, "50110"],
    ["old-account-reader", "global", false, "50100"],
  ] as const)("%s on %s (demo header %s) → %s", async (label, region, demo, code) => {
    // The master UID's keys share 5 config calls per 2 s: step past the window before each check.
    sim.clock.advance(2_100);
    const r = await simFetch(sim, sim.urls[region], byLabel(label), CONFIG, { demo });
    expect(r.json.code).toBe(code);
  });

  it("the tax tool key really has withdraw and no IP", async () => {
    sim.clock.advance(2_100);
    const r = await simFetch(sim, sim.urls.global, byLabel("Koinly tax export"), CONFIG);
    expect(r.json.data[0]).toMatchObject({ perm: "read_only,withdraw,trade", ip: "", label: "Koinly tax export" });
  });

  it("the rotation master sees bot-sub-1 with its two keys and their real creation times", async () => {
    const master = byLabel("keywarden-rotation");
    const list = await simFetch(sim, sim.urls.global, master, "/api/v5/users/subaccount/list");
    expect(list.json.data.map((s) => s.subAcct)).toContain("bot-sub-1");
    const keys = await simFetch(sim, sim.urls.global, master, "/api/v5/users/subaccount/apikey?subAcct=bot-sub-1");
    expect(keys.json.data.map((k) => k.label).sort()).toEqual(["bot-sub-1-primary", "bot-sub-1-readonly"]);
    const primary = keys.json.data.find((k) => k.label === "bot-sub-1-primary")!;
    expect(Math.abs(sim.clock.now() - Number(primary.ts) - 95 * DAY_MS)).toBeLessThan(60_000);
  });

  it("the tax key cannot manage sub-accounts (not IP-bound) → 50035", async () => {
    const r = await simFetch(sim, sim.urls.global, byLabel("Koinly tax export"), "/api/v5/users/subaccount/apikey", {
      method: "POST",
      body: { subAcct: "bot-sub-1", label: "x", passphrase: "Some-Pass-123", perm: "read_only" },
    });
    expect(r.json.code).toBe("50035");
  });

  it("the laptop freqtrade key dies two days later if nothing uses it", async () => {
    const local = await startOkxSim({ seed: FLEET });
    try {
      local.clock.advance(2 * DAY_MS + 60_000);
      expect((await simFetch(local, local.urls.global, byLabel("freqtrade-spot-laptop"), CONFIG)).json.code).toBe("50119");
      expect((await simFetch(local, local.urls.global, byLabel("portfolio-tracker"), CONFIG)).json.code).toBe("0");
    } finally {
      await local.close();
    }
  });
});

describe("seed validation", () => {
  const base = (): SimSeed => ({ accounts: [{ uid: "1" }], keys: [] });
  const key = { apiKey: "0000000a-0000-4000-8000-00000000000a", secretKey: "s", passphrase: "p".repeat(8), label: "l", uid: "1" };

  it("rejects bad shapes with the failing field", () => {
    expect(() => parseSeed({ ...base(), keys: [{ ...key, perm: ["admin"] }] } as unknown as SimSeed)).toThrow(/keys\.0\.perm/);
    expect(() => parseSeed({ accounts: [{ uid: "abc" }], keys: [] })).toThrow(/accounts\.0\.uid/);
  });

  it("rejects keys of unknown accounts, bad IPs and duplicate keys when starting", async () => {
    await expect(startOkxSim({ seed: { ...base(), keys: [{ ...key, perm: "read_only", uid: "2" }] } })).rejects.toThrow(/unknown uid/);
    await expect(startOkxSim({ seed: { ...base(), keys: [{ ...key, perm: "read_only", ip: "1.2.3" }] } })).rejects.toThrow(/invalid ip/);
    await expect(
      startOkxSim({
        seed: {
          ...base(),
          keys: [
            { ...key, perm: "read_only" },
            { ...key, perm: "trade" },
          ],
        },
      }),
    ).rejects.toThrow(/duplicate apiKey/);
  });

  it("addAccount/addKey at runtime; perm arrays and implied read_only", async () => {
    const local = await startOkxSim();
    try {
      local.addAccount({ uid: "77", subAccounts: [{ subAcct: "s1", uid: "78" }] });
      const k = local.addKey({ ...key, apiKey: "0000000b-0000-4000-8000-00000000000b", perm: ["trade"], ip: ["203.0.113.10"], uid: "78", subAcct: "s1" });
      expect(k).toMatchObject({ perm: ["read_only", "trade"], subAcct: "s1", region: "global", demo: false });
      expect((await signedFetch(local.urls.global, k, CONFIG)).json.data[0]).toMatchObject({ uid: "78", mainUid: "77", perm: "read_only,trade" });
    } finally {
      await local.close();
    }
  });
});

describe("tests/okx-sim/main.ts", () => {
  it("prints one JSON line with baseUrlEnv when listening and stops on SIGTERM", async () => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["tests/okx-sim/main.ts", "--seed", FLEET], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once("line", resolve);
        child.once("exit", (c) => reject(new Error(`exited ${c}`)));
      });
      const out = JSON.parse(line) as { baseUrlEnv: string; urls: Record<string, string> };
      expect(out.baseUrlEnv).toMatch(/^global=http:\/\/127\.0\.0\.1:\d+,eea=http:\/\/127\.0\.0\.1:\d+,us=http:\/\/127\.0\.0\.1:\d+$/);
      const r = await signedFetch(out.urls.eea!, byLabel("eu-dca-bot"), CONFIG);
      expect(r.json.code).toBe("0");
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });
});
