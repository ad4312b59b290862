// Issue #18 item 8: the wrong-passphrase backoff holds across processes. Ten `keywarden list` started together,
// each with another wrong passphrase, get exactly the guesses one process trying them in turn would get; the
// others are told to wait. (Before, each process read the count, ran the KDF, then counted: all ten were tried.)
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cliRunner, type CliRunner } from "./cli-harness";

// Ten processes, each starting tsx and running a 128 MiB Argon2, on two shared cores.
vi.setConfig({ testTimeout: 240_000 });

const MASTER = "walnut-glacier-sonnet-48";
let cli: CliRunner;

beforeAll(async () => {
  cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER }, { via: "node", timeoutMs: 170_000 });
  const init = await cli(["init"]);
  expect(init.code).toBe(0);
});
afterAll(() => {
  if (cli) fs.rmSync(cli.cwd, { recursive: true, force: true });
});

function setCounter(failedAttempts: number, lastFailedAt: number | null) {
  const sqlite = new Database(path.join(cli.dataDir, "keywarden.db"));
  try {
    sqlite.pragma("busy_timeout = 5000");
    sqlite.prepare("UPDATE Vault SET failedAttempts = ?, lastFailedAt = ?").run(failedAttempts, lastFailedAt);
  } finally {
    sqlite.close();
  }
}

function counter(): number {
  const sqlite = new Database(path.join(cli.dataDir, "keywarden.db"), { readonly: true });
  try {
    return (sqlite.prepare("SELECT failedAttempts AS n FROM Vault").get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

async function tenGuesses() {
  const runs = await Promise.all(Array.from({ length: 10 }, (_, i) => cli(["list"], { env: { KEYWARDEN_PASSPHRASE: `g${i}-not-the-passphrase` } })));
  for (const r of runs) expect(r.code).toBe(2);
  return {
    tried: runs.filter((r) => /Wrong master passphrase/.test(r.stderr)).length,
    waited: runs.filter((r) => /Too many wrong passphrases/.test(r.stderr)).length,
  };
}

describe("ten parallel wrong guesses", () => {
  it("when a backoff window has just ended: one guess is tried, nine wait", async () => {
    // Ten failures, the last one 129 s ago: the 128 s window is over, the next guess may go and opens a 256 s one.
    setCounter(10, Date.now() - 129_000);
    const { tried, waited } = await tenGuesses();
    expect(tried).toBe(1);
    expect(waited).toBe(9);
    expect(counter()).toBe(11);
  });

  it("on a fresh counter: the three guesses one process would get at once are tried, the rest wait", async () => {
    // The third guess opens a 1 s window once it has failed; a process starting after that second may try again,
    // as it could one at a time, so only the first three are certain. Before the fix all ten were tried.
    setCounter(0, null);
    const { tried, waited } = await tenGuesses();
    expect(tried).toBeGreaterThanOrEqual(3);
    expect(tried).toBeLessThan(10);
    expect(tried + waited).toBe(10);
    // Every guess tried is counted, none twice.
    expect(counter()).toBe(tried);
  });

  it("the right passphrase waits during the window and clears the counter after it", async () => {
    setCounter(10, Date.now());
    const blocked = await cli(["list"]);
    expect(blocked.stderr).toMatch(/Too many wrong passphrases/);
    setCounter(10, Date.now() - 129_000);
    expect((await cli(["list"])).code).toBe(0);
    expect(counter()).toBe(0);
  });
});
