// A label such as `evil\x1b[2J\x1b]0;PWNED\x07` cleared the terminal and retitled its window when `keywarden list`
// or `audit` printed it, and CSV / Markdown exports carried the ESC bytes. New input with control characters is
// refused at the schema; what an older database or a restored file already holds is printed as visible text.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cliRunner, secretsJson, type CliRunner } from "./cli-harness";

vi.setConfig({ testTimeout: 180_000 });

const MASTER = "walnut-signal-prairie-46";
const EVIL = "evil\x1b[2J\x1b]0;PWNED\x07";
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const secrets = { apiKey: "0badc0de-1111-4222-8333-444455556666", secretKey: "B0BACAFE0123456789ABCDEF0B0BA0B0", passphrase: "Escape-Pass-9" };
let cli: CliRunner;

beforeAll(async () => {
  cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER }, { via: "node" });
  expect((await cli(["init"])).code).toBe(0);
});
afterAll(() => {
  if (cli) fs.rmSync(cli.cwd, { recursive: true, force: true });
});

describe("control characters", () => {
  it("are refused in a new label, notes and consumers, and the refusal itself prints none", async () => {
    for (const flags of [
      ["--label", EVIL],
      ["--label", "ok", "--notes", "a\x08b"],
      ["--label", "ok", "--used-by", "bot\x1b[31m"],
    ]) {
      const r = await cli(["add", "--purpose", "read", ...flags], { input: secretsJson(secrets) });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/control characters/);
      expect(r.stderr).not.toMatch(RAW_CONTROL);
    }
  });

  it("already stored are shown as text by list, audit and the CSV and Markdown exports", async () => {
    expect((await cli(["add", "--label", "plain", "--purpose", "read"], { input: secretsJson(secrets) })).code).toBe(0);
    // What an older version or a hand-edited file may hold.
    const s = new Database(path.join(cli.dataDir, "keywarden.db"));
    s.prepare("UPDATE ApiKey SET label = ?, notes = ?, usedBy = ?").run(EVIL, "note\x00\x07", JSON.stringify([{ name: "bot\x1b[31m" }]));
    s.close();
    for (const args of [["list"], ["audit", "--fail-on", "none"], ["export", "--format", "csv"], ["export", "--format", "md"]]) {
      const r = await cli(args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(" ")).not.toMatch(RAW_CONTROL);
      expect(r.stdout, args.join(" ")).toContain("evil\\x1b");
    }
    // JSON escapes them itself (\u001b) and keeps the value exact.
    const json = await cli(["list", "--json"]);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json.stdout)[0].label).toBe(EVIL);
  });
});
