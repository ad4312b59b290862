// Generated bad input against every `keywarden` command's flags and stdin (issue 17), run in-process through
// lib/cli/run.ts (a real SQLite file, a real vault, the OKX simulator over HTTP) so a thousand cases take seconds,
// not a thousand node start-ups. Each case ends in an exit status the README documents or in an error that
// lib/errors words for a person (one line, no stack, never "something went wrong"); no output carries a stack
// trace or the secret fed on stdin; and when the command refused (exit 2 or an error) no stored row changed.
// Paths given to commands that write (backup, export --out) or read (restore, scan) stay inside a temp folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OkxSim } from "../../okx-sim";
import { dumpDatabase } from "./app-harness";
import { fuzzOptions, hostileString, protoJson } from "../../support/fuzz";

const PASSPHRASE = "cli fuzz correct horse battery staple 17";
const SECRET = "CLIFUZZSECRET0123456789ABCDEF012";
const GOOD_STDIN = JSON.stringify({ apiKey: "0f1e2d3c-4b5a-6978-8a9b-acbdcedfe0f2", secretKey: SECRET, passphrase: "Passphrase-1" });
const EXITS = new Set([0, 1, 2, 3, 10, 11, 12, 13, 14, 130]);

let tmp = "";
let dbFile = "";
let cwd = "";
let sim: OkxSim;
let run: (argv: string[]) => Promise<number>;
let toUserError: (e: unknown) => { code: string; message: string };
let errorLine: (e: unknown) => string;
const env: Record<string, string | undefined> = {};
let cases = 0;

interface Outcome {
  code?: number;
  error?: unknown;
  out: string;
}

/** Runs one argv in-process with `stdin` as the piped input; everything written to stdout/stderr is kept. */
async function cli(argv: string[], stdin: string | Uint8Array = ""): Promise<Outcome> {
  let out = "";
  const write = (chunk: unknown, ...rest: unknown[]) => {
    out += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
    const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    cb?.();
    return true;
  };
  const so = vi.spyOn(process.stdout, "write").mockImplementation(write as never);
  const se = vi.spyOn(process.stderr, "write").mockImplementation(write as never);
  const ce = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void (out += `${a.join(" ")}\n`));
  const realStdin = Object.getOwnPropertyDescriptor(process, "stdin")!;
  Object.defineProperty(process, "stdin", { value: Readable.from([typeof stdin === "string" ? Buffer.from(stdin) : Buffer.from(stdin)]), configurable: true });
  try {
    return { code: await run(argv), out };
  } catch (error) {
    return { error, out };
  } finally {
    Object.defineProperty(process, "stdin", realStdin);
    so.mockRestore();
    se.mockRestore();
    ce.mockRestore();
  }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kw-cli-fuzz-"));
  fs.mkdirSync(path.join(tmp, "data"), { mode: 0o700 });
  fs.mkdirSync(path.join(tmp, "scan-me"));
  fs.writeFileSync(path.join(tmp, "scan-me", ".env"), "OKX_API_KEY=0f1e2d3c-4b5a-6978-8a9b-acbdcedfe0f2\n");
  fs.writeFileSync(path.join(tmp, "junk.db"), "SQLite format 3\u0000 but not really");
  dbFile = path.join(tmp, "data", "keywarden.db");
  const { startOkxSim } = await import("../../okx-sim");
  sim = await startOkxSim({});
  for (const [k, v] of Object.entries({ KEYWARDEN_DATA_DIR: path.join(tmp, "data"), KEYWARDEN_PASSPHRASE: PASSPHRASE, OKX_API_BASE_URL: sim.baseUrlEnv })) {
    env[k] = process.env[k];
    process.env[k] = v;
  }
  cwd = process.cwd();
  // Relative paths a case passes (`export --out x`) land in the temp folder, never in the repository.
  process.chdir(tmp);
  ({ run } = await import("@/lib/cli/run"));
  ({ toUserError } = await import("@/lib/errors/to-user-message"));
  ({ errorLine } = await import("@/lib/cli/error-line"));
  const init = await cli(["init"]);
  expect(init.code, init.out).toBe(0);
  const add = await cli(["add", "--label", "cli-key", "--purpose", "read", "--region", "global", "--created", "2024-01-01"], GOOD_STDIN);
  expect(add.code, add.out).toBe(0);
}, 300_000);

afterAll(async () => {
  console.log(`[fuzz] CLI cases: ${cases}`);
  process.chdir(cwd);
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await sim?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const safePath = fc.constantFrom(
  "out.json",
  "nested/missing/x.db",
  ".",
  "junk.db",
  "scan-me",
  "scan-me/.env",
  "",
  "-",
  "data/keywarden.db",
  "\u0000nul",
  "ü-ñ.db",
  "-x",
);
const flagName = fc.constantFrom(
  "--label",
  "--purpose",
  "--region",
  "--demo",
  "--host",
  "--created",
  "--used-by",
  "--notes",
  "--json",
  "--all",
  "--fail-on",
  "--require",
  "--forbid",
  "--require-ip",
  "--max-age",
  "--entity",
  "--format",
  "--out",
  "--help",
  "-h",
  "--",
  "-",
  "--__proto__",
  "--constructor",
  "--toString",
  "--label=",
  "--json=1",
  "-zz",
  "--no-json",
);
const plausible = fc.constantFrom(
  "cli-key",
  "read",
  "trade",
  "withdraw",
  "global",
  "eea",
  "us",
  "detect",
  "json",
  "csv",
  "md",
  "critical",
  "none",
  "30",
  "-1",
  "2024-01-01",
  "https://www.okx.com",
  "bot @ host",
);
const token = (paths: boolean) =>
  fc.oneof({ weight: 3, arbitrary: flagName }, { weight: 2, arbitrary: plausible }, { weight: 2, arbitrary: paths ? safePath : hostileString });
const COMMANDS = ["init", "add", "list", "check", "audit", "export", "backup", "restore", "verify", "scan", "help"];
// Commands whose free arguments are paths: only the temp folder's.
const PATH_COMMANDS = new Set(["export", "backup", "restore", "scan"]);

const argvArb = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...COMMANDS).chain((c) => fc.array(token(PATH_COMMANDS.has(c)), { maxLength: 7 }).map((rest) => [c, ...rest])) },
  {
    weight: 1,
    arbitrary: fc.array(
      hostileString.map((s) => s.slice(0, 200)),
      { maxLength: 3 },
    ),
  },
);
const stdinArb = fc.oneof(
  fc.constant(GOOD_STDIN),
  fc.constant(""),
  fc.constant("{"),
  fc.constant('{"apiKey":"a","apiKey":"b","secretKey":"s","passphrase":"p"}'),
  fc.constant("x".repeat(200 * 1024)),
  fc.constant(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
  protoJson.map((o) => JSON.stringify(o)),
  fc.record({ apiKey: hostileString, secretKey: fc.constant(SECRET), passphrase: hostileString }).map((o) => JSON.stringify(o)),
);

describe("generated bad input: every CLI command's flags and stdin (in-process)", () => {
  it("a documented exit status or a worded error; no stack, no secret echoed; refused means nothing changed", async () => {
    await fc.assert(
      fc.asyncProperty(argvArb, stdinArb, async (argv, stdin) => {
        const before = dumpDatabase(dbFile);
        const r = await cli(argv, stdin);
        const ctx = `keywarden ${JSON.stringify(argv).slice(0, 300)} → ${r.code ?? "threw"}: ${r.out.slice(0, 300)}`;
        if (r.error !== undefined) {
          const e = toUserError(r.error);
          expect(e.code, `${ctx} ${String(r.error).slice(0, 300)}`).not.toBe("internal");
          const line = errorLine(r.error);
          expect(line.split("\n"), ctx).toHaveLength(1);
          expect(line, ctx).not.toContain(SECRET);
        } else {
          expect(EXITS.has(r.code!), ctx).toBe(true);
        }
        expect(r.out, ctx).not.toMatch(/\n\s+at [\w<.]+ \(/);
        expect(r.out, ctx).not.toContain(SECRET);
        expect(r.out, ctx).not.toMatch(/unexpected error/);
        if (r.error !== undefined || r.code === 2) expect(dumpDatabase(dbFile), `${ctx}: refused but changed stored rows`).toBe(before);
        cases++;
      }),
      fuzzOptions(100),
    );
  }, 900_000);
});
