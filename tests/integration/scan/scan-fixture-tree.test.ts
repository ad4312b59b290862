// The local scan on a generated tree, against a real vault and SQLite file: every config style, a key in two files,
// an unknown key, a world-readable file, a git-tracked file and each skip case. The found values are canaries that
// must not appear in the result, the database file or the audit log.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";
import { KNOWN, makeScanFixture, SECOND, UNKNOWN } from "../../support/scan-fixture";

const MASTER = "copper-violin-tundra-57";
const env = integrationEnv({ prefix: "kw-test-", vault: MASTER });
let dir: string;
let root: string;
let fx: ReturnType<typeof makeScanFixture>;
let scan: typeof import("@/lib/scan");
let keys: typeof import("@/lib/keys/key-store");
let knownId: string;
let secondId: string;
let result: Awaited<ReturnType<(typeof import("@/lib/scan"))["runScan"]>>;

const meta = (label: string, usedBy = "") => ({ label, region: "global", demo: false, purpose: "trade", usedBy, createdOn: "2026-01-10", notes: "" });

beforeAll(async () => {
  dir = env.dir;
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kw-scan-tree-"));
  fx = makeScanFixture(root);
  keys = await import("@/lib/keys/key-store");
  scan = await import("@/lib/scan");
  knownId = (await keys.addKey({ ...meta("grid key", "grafana @ 10.0.0.9"), ...KNOWN })).id;
  secondId = (await keys.addKey({ ...meta("second key"), ...SECOND })).id;
  result = await scan.runScan([root]);
});

afterAll(() => {
  fs.chmodSync(fx.skips.unreadable, 0o700);
});

const filesOf = (keyId: string) =>
  result.byKey
    .find((k) => k.key.id === keyId)
    ?.files.map((f) => path.relative(root, f.path))
    .sort();

describe("scan of a fixture tree", () => {
  it("finds a stored key in every config style, by its public key", () => {
    expect(filesOf(knownId)).toEqual(["freqtrade-main/user_data/config.json", "grid-bot/.env"]);
    expect(filesOf(secondId)).toEqual(["arb-bot/settings.yaml", "dca-bot/config.toml", "repo-bot/.env", "stack/docker-compose.yml"]);
    const style = (p: string) => result.files.find((f) => f.path === p)?.style;
    expect([style(fx.env), style(fx.freqtrade), style(fx.ccxtYaml), style(fx.ccxtToml), style(fx.compose), style(fx.ccxtJson), style(fx.hummingbot)]).toEqual([
      "dotenv",
      "freqtrade",
      "ccxt-yaml",
      "ccxt-toml",
      "compose",
      "ccxt-json",
      "hummingbot",
    ]);
  });

  it("reports an OKX key it does not know, with a fingerprint, and Hummingbot's encrypted file without a match", () => {
    expect(result.unknown).toHaveLength(1);
    expect(result.unknown[0].fingerprint).toBe("0dd0…c003");
    // Root reads the chmod-000 folder anyway (the unreadable case is run as another user below).
    expect(result.unknown[0].files.map((f) => f.path).filter((p) => !p.startsWith(fx.skips.unreadable))).toEqual([fx.ccxtJson]);
    expect(result.unknown[0].files[0].hasSecret).toBe(true);
    const hb = result.files.find((f) => f.path === fx.hummingbot)!;
    expect(hb).toMatchObject({ encrypted: true, key: null, fingerprint: null, app: "hummingbot" });
  });

  it("fills each key's consumers with the files, keeping the ones typed in by hand", async () => {
    const k = await keys.getKey(knownId);
    expect(k.consumers[0]).toEqual({ name: "grafana", host: "10.0.0.9" });
    expect(k.consumers.slice(1)).toEqual([
      { name: "freqtrade-main", host: os.hostname(), path: fx.freqtrade },
      { name: "grid-bot", host: os.hostname(), path: fx.env },
    ]);
    // A second scan adds nothing twice.
    await scan.runScan([root]);
    expect((await keys.getKey(knownId)).consumers).toHaveLength(3);
  });

  it("flags a world-readable file and a file git tracks", () => {
    const wr = result.files.find((f) => f.path === fx.worldReadable)!;
    expect(wr.findings.map((f) => f.id)).toContain("readable-by-others");
    const tracked = result.files.find((f) => f.path === fx.tracked)!;
    expect(tracked.git).toBe("tracked");
    expect(tracked.findings).toContainEqual(expect.objectContaining({ id: "git-tracked", severity: "critical" }));
    const env = result.files.find((f) => f.path === fx.env)!;
    expect(env.findings).toEqual([]);
  });

  it("says a file removed from git is still in its history", async () => {
    const repo = path.dirname(fx.tracked);
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "rm", "-q", "--cached", ".env"], { cwd: repo });
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "untrack"], { cwd: repo });
    const again = await scan.runScan([path.dirname(fx.tracked)]);
    expect(again.files[0].git).toBe("history");
    expect(again.files[0].findings.map((f) => f.id)).toContain("git-history");
  });

  it("skips each case with a note, and does not walk node_modules", () => {
    const skip = (p: string) => result.run.skipped.find((s) => s.path === p)?.reason;
    expect(skip(fx.skips.loop)).toBe("symlink-loop");
    expect(skip(fx.skips.huge)).toBe("too-large");
    expect(skip(fx.skips.binary)).toBe("binary");
    expect(skip(fx.skips.outside)).toBe("symlink-outside");
    expect(result.files.some((f) => f.path.includes("node_modules"))).toBe(false);
    expect(result.files.some((f) => f.path.includes("outside") || f.path.includes("big-bot"))).toBe(false);
  });

  it("notes a folder it may not read, and goes on with the rest", () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), "kw-scan-perm-"));
    fs.chmodSync(tree, 0o755);
    fs.mkdirSync(path.join(tree, "ok-bot"), { mode: 0o755 });
    fs.writeFileSync(path.join(tree, "ok-bot", ".env"), `OKX_API_KEY=${KNOWN.apiKey}\n`, { mode: 0o644 });
    fs.mkdirSync(path.join(tree, "locked-bot"), { mode: 0o700 });
    fs.writeFileSync(path.join(tree, "locked-bot", ".env"), `OKX_API_KEY=${UNKNOWN.apiKey}\n`, { mode: 0o600 });
    if (process.getuid?.() !== 0) fs.chmodSync(path.join(tree, "locked-bot"), 0o000);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const out = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "walk-as-user.ts"), tree], {
      cwd: path.resolve(import.meta.dirname, "..", "..", ".."),
      env: { PATH: process.env.PATH, HOME: os.tmpdir() } as unknown as NodeJS.ProcessEnv,
      ...asUser,
    }).toString();
    const r = JSON.parse(out) as { found: string[]; skipped: { path: string; reason: string }[] };
    expect(r.found).toEqual([path.join(tree, "ok-bot", ".env")]);
    expect(r.skipped).toEqual([{ path: path.join(tree, "locked-bot"), reason: "unreadable-folder" }]);
  });

  it("never keeps or returns a found secret or passphrase", () => {
    const json = JSON.stringify(result);
    const db =
      fs.readFileSync(path.join(dir, "keywarden.db")).toString("latin1") +
      (fs.existsSync(path.join(dir, "keywarden.db-wal")) ? fs.readFileSync(path.join(dir, "keywarden.db-wal")).toString("latin1") : "");
    for (const k of [KNOWN, SECOND, UNKNOWN]) {
      for (const v of [k.secretKey, k.passphrase, k.apiKey]) {
        expect(json).not.toContain(v);
        expect(db).not.toContain(v);
      }
    }
  });

  it("reports progress, and a cancelled scan keeps nothing", async () => {
    const seen: number[] = [];
    await scan.runScan([root], { onProgress: (p) => seen.push(p.filesSeen) });
    expect(seen.at(-1)).toBeGreaterThan(10);
    const before = (await scan.latestScan())!.run.id;
    const abort = new AbortController();
    const pending = scan.runScan([root], { signal: abort.signal, onProgress: () => abort.abort() });
    await expect(pending).rejects.toThrow(/cancelled/);
    expect((await scan.latestScan())!.run.id).toBe(before);
    const { db } = await import("@/lib/db/client");
    const prisma = await db();
    const cancelled = await prisma.scanRun.findFirst({ where: { status: "cancelled" }, include: { files: true } });
    expect(cancelled?.files).toEqual([]);
  });

  it("refuses to scan while the vault is locked, and relative folders", async () => {
    await expect(scan.runScan(["bots"])).rejects.toMatchObject({ fieldErrors: { roots: [expect.stringMatching(/absolute folder paths/)] } });
    const vault = await import("@/lib/vault/vault");
    await vault.lockVault();
    await expect(scan.runScan([root])).rejects.toThrow(/locked/);
    await vault.unlockVault(MASTER);
  });
});
