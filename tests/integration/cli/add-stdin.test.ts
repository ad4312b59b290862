// Issue #17 (hostile input): `keywarden add` reads its secrets from stdin. A 100 MB stream, bytes that are not
// UTF-8, and JSON naming a field twice each end in one clear line, exit 2 and nothing stored — and the message never
// quotes the input (it holds secrets).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cliRunner, KEYWARDEN, type CliRunner } from "./cli-harness";

vi.setConfig({ testTimeout: 180_000 });

const MASTER = "harbor-quince-meridian-84";
const SECRET = "5EC2E7AB0123456789ABCDEF5EC2E7AB";
const good = { apiKey: "ab5ce1e0-1111-4222-8333-444455556666", secretKey: SECRET, passphrase: "Stdin-Pass-Phrase-3" };
const flags = ["add", "--label", "stdin bot", "--purpose", "read", "--region", "global"];
let cli: CliRunner;

beforeAll(async () => {
  // OKX is never reached: every case is refused before the key is stored or checked.
  cli = cliRunner({ KEYWARDEN_PASSPHRASE: MASTER, OKX_API_BASE_URL: "http://127.0.0.1:9" }, { via: "node", timeoutMs: 170_000 });
  expect((await cli(["init"])).code).toBe(0);
});
afterAll(() => {
  if (cli) fs.rmSync(cli.cwd, { recursive: true, force: true });
});

async function nothingStored() {
  const r = await cli(["list", "--json"]);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual([]);
}

function expectRefusal(r: { code: number; stdout: string; stderr: string }, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/Nothing was stored|expected one small JSON object/);
  expect(r.stderr).not.toContain(SECRET);
}

describe("keywarden add with hostile stdin", () => {
  it("a 100 MB stream is refused after the first 64 KiB, without reading the rest", async () => {
    const child = spawn(process.execPath, [KEYWARDEN, ...flags], {
      cwd: cli.cwd,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        KEYWARDEN_PASSPHRASE: MASTER,
        OKX_API_BASE_URL: "http://127.0.0.1:9",
      } as unknown as NodeJS.ProcessEnv,
    });
    let stdout = "",
      stderr = "",
      written = 0;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    // The CLI stops reading and exits: the write side then fails with EPIPE, which is expected.
    child.stdin.on("error", () => undefined);
    const chunk = Buffer.alloc(1 << 20, `{"apiKey":"${SECRET}",`);
    const pump = (async () => {
      for (let i = 0; i < 100 && !child.stdin.destroyed; i++) {
        if (!child.stdin.write(chunk)) await new Promise((r) => child.stdin.once("drain", r).once("close", r));
        written += chunk.length;
      }
      child.stdin.end();
    })();
    const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
    await pump;
    expectRefusal({ code, stdout, stderr }, /stdin is larger than 64 KiB/);
    // It gave up long before the end of the stream (a pipe buffers a few MB at most).
    expect(written).toBeLessThan(100 << 20);
    await nothingStored();
  });

  it("bytes that are not UTF-8 are refused, not stored with replacement characters", async () => {
    const json = Buffer.concat([
      Buffer.from(`{"apiKey":"${good.apiKey}","secretKey":"${SECRET.slice(0, 30)}`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`","passphrase":"${good.passphrase}"}`),
    ]);
    const r = await cli(flags, { input: json });
    expectRefusal(r, /stdin is not valid UTF-8/);
    await nothingStored();
  });

  it.each([
    [
      "secretKey",
      `{"apiKey":"${good.apiKey}","secretKey":"${SECRET}","passphrase":"${good.passphrase}","secretKey":"OTHER0123456789ABCDEF0123456789AB"}`,
      /names "secretKey" twice/,
    ],
    ["apiKey", `{"apiKey":"x","apiKey":"${good.apiKey}","secretKey":"${SECRET}","passphrase":"${good.passphrase}"}`, /names "apiKey" twice/],
    [
      "an unknown name",
      `{"apiKey":"${good.apiKey}","secretKey":"${SECRET}","passphrase":"${good.passphrase}","${SECRET}":1,"${SECRET}":2}`,
      /names one property twice/,
    ],
  ])("JSON naming %s twice is refused", async (_what, input, message) => {
    const r = await cli(flags, { input });
    expectRefusal(r, message);
    await nothingStored();
  });
});
