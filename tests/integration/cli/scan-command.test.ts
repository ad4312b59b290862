// `keywarden scan PATH… [--json]` as a user runs it: the stored key is found in its files, the unknown one is
// reported by fingerprint, and no found secret reaches stdout or stderr.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cliRunner, type CliRunner } from "./cli-harness";
import { KNOWN, makeScanFixture, SECOND, UNKNOWN } from "../../support/scan-fixture";

vi.setConfig({ testTimeout: 180_000 });
const MASTER = "copper-violin-tundra-57";
let cli: CliRunner;
let root: string;
let fx: ReturnType<typeof makeScanFixture>;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kw-cli-scan-"));
  fx = makeScanFixture(root, { skipCases: false });
  // Checks on add go nowhere: this test is about the scan, not OKX.
  cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER, OKX_API_BASE_URL: "http://127.0.0.1:9" }, { via: "node" });
  expect((await cli(["init"], { input: `${MASTER}\n${MASTER}\n` })).code).toBe(0);
  const add = await cli(["add", "--label", "grid key", "--purpose", "trade", "--region", "global", "--created", "2026-01-10"], {
    input: JSON.stringify(KNOWN),
  });
  expect(add.code).toBe(0);
});

afterAll(() => fs.rmSync(cli.cwd, { recursive: true, force: true }));

describe("keywarden scan", () => {
  it("prints where the stored key is used and the unknown keys, never a found secret", async () => {
    const r = await cli(["scan", root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("“grid key” is used in:");
    expect(r.stdout).toContain(fx.env);
    expect(r.stdout).toContain(fx.freqtrade);
    expect(r.stdout).toMatch(/does not know \(0dd0…c003\)/);
    expect(r.stdout).toMatch(/Every user of this machine can read it/);
  });

  it("--json gives the result document; the key's consumers now list the files", async () => {
    const r = await cli(["scan", "--json", root]);
    const doc = JSON.parse(r.stdout);
    expect(doc.byKey[0].files.map((f: { path: string }) => f.path).sort()).toEqual([fx.freqtrade, fx.env].sort());
    const list = JSON.parse((await cli(["list", "--json"])).stdout);
    expect(list[0].consumers.map((c: { path?: string }) => c.path).sort()).toEqual([fx.freqtrade, fx.env].sort());
  });

  it("refuses a call without folders", async () => {
    const r = await cli(["scan"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Say which folders to scan/);
  });

  it("no found secret in any output", () => {
    const all = cli.outputs.join("\n");
    for (const k of [KNOWN, SECOND, UNKNOWN]) for (const v of [k.secretKey, k.passphrase]) expect(all).not.toContain(v);
    expect(all).not.toContain(UNKNOWN.apiKey);
  });
});
