// Writing a new key into the files the scan found: values replaced in place in each style (the rest of the file
// byte for byte the same, mode kept), the original kept as a 0600 backup, a re-read proving the new key; a file
// changed since the scan refused; and a SIGKILL in the middle of a replace leaving the old or the new file, never half.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";
import { envFile, freqtradeConfig, KNOWN, makeScanFixture, SECOND, type FixtureKey } from "../../support/scan-fixture";

const MASTER = "copper-violin-tundra-57";
integrationEnv({ prefix: "kw-test-", vault: MASTER });
const NEW: FixtureKey = { apiKey: "9e79e79e-0000-4000-8000-00000000d004", secretKey: "9E79E79E000000000000000000D00004", passphrase: "New Pass #d004'" };
let root: string;
let fx: ReturnType<typeof makeScanFixture>;
let scan: typeof import("@/lib/scan");
let wb: typeof import("@/lib/scan/write-back");
let knownId: string;
let secondId: string;
let newId: string;

const meta = (label: string) => ({ label, region: "global", demo: false, purpose: "trade", usedBy: "", createdOn: "2026-01-10", notes: "" });

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kw-write-back-"));
  fx = makeScanFixture(root, { skipCases: false, git: false });
  const keys = await import("@/lib/keys/key-store");
  scan = await import("@/lib/scan");
  wb = await import("@/lib/scan/write-back");
  knownId = (await keys.addKey({ ...meta("old grid key"), ...KNOWN })).id;
  secondId = (await keys.addKey({ ...meta("old arb key"), ...SECOND })).id;
  newId = (await keys.addKey({ ...meta("new key"), ...NEW })).id;
  await scan.runScan([root]);
});

const backupsOf = (file: string) => fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith(`${path.basename(file)}.keywarden-backup-`));

describe("write-back", () => {
  it("replaces the .env values in place: quoting, comments, other lines and the mode stay", async () => {
    const before = fs.readFileSync(fx.env, "utf8");
    const r = await wb.writeKeyIntoFile(fx.env, knownId, newId);
    const after = fs.readFileSync(fx.env, "utf8");
    // The unquoted passphrase of the new key has a space, # and ': the single-quoted value gets JSON quotes.
    expect(after).toBe(
      `# grid bot credentials\nOKX_API_KEY=${NEW.apiKey}\nOKX_SECRET_KEY="${NEW.secretKey}"   # from okx.com\nexport OKX_PASSPHRASE="New Pass #d004'"\nLOG_LEVEL=info\n`,
    );
    expect(r.fields.sort()).toEqual(["apiKey", "passphrase", "secretKey"]);
    expect(fs.statSync(fx.env).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(r.backup, "utf8")).toBe(before);
    expect(fs.statSync(r.backup).mode & 0o777).toBe(0o600);
    const { parse } = await import("dotenv");
    expect(parse(after)).toMatchObject({ OKX_API_KEY: NEW.apiKey, OKX_SECRET_KEY: NEW.secretKey, OKX_PASSPHRASE: NEW.passphrase });
  });

  it("replaces freqtrade's values and keeps the JSON layout and its 0644 mode", async () => {
    await wb.writeKeyIntoFile(fx.freqtrade, knownId, newId);
    const expected = freqtradeConfig(KNOWN)
      .replace(KNOWN.apiKey, NEW.apiKey)
      .replace(KNOWN.secretKey, NEW.secretKey)
      .replace(`"${KNOWN.passphrase}"`, JSON.stringify(NEW.passphrase));
    expect(fs.readFileSync(fx.freqtrade, "utf8")).toBe(expected);
    expect(fs.statSync(fx.freqtrade).mode & 0o777).toBe(0o644);
    expect(backupsOf(fx.freqtrade)).toHaveLength(1);
  });

  it("replaces YAML, TOML and docker-compose values in the style they were written", async () => {
    const yamlBefore = fs.readFileSync(fx.ccxtYaml, "utf8");
    for (const f of [fx.ccxtYaml, fx.ccxtToml, fx.compose]) await wb.writeKeyIntoFile(f, secondId, newId);
    expect(fs.readFileSync(fx.ccxtYaml, "utf8")).toBe(
      yamlBefore
        .replace(`apiKey: ${SECOND.apiKey}`, `apiKey: ${NEW.apiKey}`)
        .replace(`"${SECOND.secretKey}"`, `"${NEW.secretKey}"`)
        .replace(`'${SECOND.passphrase}'`, `'New Pass #d004'''`),
    );
    const YAML = await import("yaml");
    expect(YAML.parse(fs.readFileSync(fx.ccxtYaml, "utf8")).exchanges).toEqual({
      okx: { apiKey: NEW.apiKey, secret: NEW.secretKey, password: NEW.passphrase },
      binance: { apiKey: "not-okx" },
    });
    const { parse } = await import("smol-toml");
    expect(parse(fs.readFileSync(fx.ccxtToml, "utf8"))).toEqual({
      title: "dca",
      exchange: { okx: { apiKey: NEW.apiKey, secret: NEW.secretKey, password: NEW.passphrase } },
    });
    const compose = YAML.parse(fs.readFileSync(fx.compose, "utf8"));
    expect(compose.services["signal-bot"].environment).toEqual([
      `OKX_API_KEY=${NEW.apiKey}`,
      `OKX_API_SECRET=${NEW.secretKey}`,
      `OKX_PASSWORD=${NEW.passphrase}`,
    ]);
  });

  it("a re-scan finds the new key in the written files and the old key nowhere", async () => {
    const r = await scan.runScan([root]);
    const files = (id: string) =>
      r.byKey
        .find((k) => k.key.id === id)
        ?.files.map((f) => f.path)
        .sort() ?? [];
    expect(files(knownId)).toEqual([]);
    expect(files(newId)).toEqual([fx.ccxtYaml, fx.ccxtToml, fx.compose, fx.env, fx.freqtrade].sort());
  });

  it("refuses a file changed since the scan, and writes nothing", async () => {
    const keys = await import("@/lib/keys/key-store");
    const other = (
      await keys.addKey({
        ...meta("old third key"),
        apiKey: "7e57e57e-0000-4000-8000-00000000e005",
        secretKey: "7E57E57E000000000000000000E00005",
        passphrase: "Third-Pass-e005",
      })
    ).id;
    const file = path.join(root, "third-bot", ".env");
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(
      file,
      envFile({ apiKey: "7e57e57e-0000-4000-8000-00000000e005", secretKey: "7E57E57E000000000000000000E00005", passphrase: "Third-Pass-e005" }),
      { mode: 0o600 },
    );
    await scan.runScan([path.dirname(file)]);
    fs.appendFileSync(file, "EXTRA=1\n");
    const changed = fs.readFileSync(file, "utf8");
    await expect(wb.writeKeyIntoFile(file, other, newId)).rejects.toThrow(/changed since the scan/);
    expect(fs.readFileSync(file, "utf8")).toBe(changed);
    expect(backupsOf(file)).toEqual([]);
  });

  it("a SIGKILL in the middle of a replace leaves the old or the new content, never a mix", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kw-kill-")), "big.env");
    fs.writeFileSync(file, Buffer.alloc(8 * 1024 * 1024, "A"));
    const repo = path.resolve(import.meta.dirname, "..", "..", "..");
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      fs.rmSync(`${file}.started`, { force: true });
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "replace-forever.ts"), file], {
        cwd: repo,
        stdio: "ignore",
      });
      const t0 = Date.now();
      while (!fs.existsSync(`${file}.started`) && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 300));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      const bytes = fs.readFileSync(file);
      expect(bytes.length).toBe(8 * 1024 * 1024);
      const first = String.fromCharCode(bytes[0]);
      expect(bytes.every((b) => b === bytes[0])).toBe(true);
      seen.add(first);
    }
    expect([...seen].every((c) => c === "A" || c === "B")).toBe(true);
    // Temporary files a kill left behind are the only litter: never the target half-written.
    const litter = fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith(".tmp"));
    expect(litter.every((n) => n.startsWith(".big.env.keywarden-"))).toBe(true);
  }, 180_000);
});
