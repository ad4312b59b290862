// A read-only data directory: the server used to crash with a raw `EROFS … chmod` stack and the CLI said
// "Something went wrong on the server". Both now say the directory is read-only. Needs a read-only mount
// (a tmpfs remounted ro, root on Linux); where the machine does not allow mounting, the test is skipped.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.setConfig({ testTimeout: 120_000 });
const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, "..", "..", "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-readonly-"));
let mounted = false;
try {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=5m,mode=0700", "tmpfs", dir], { stdio: "ignore", timeout: 10_000 });
  mounted = true;
} catch {
  console.log("read-only test skipped: this machine does not allow mounting a tmpfs");
}
const env = { PATH: process.env.PATH, KEYWARDEN_DATA_DIR: dir, KEYWARDEN_PASSPHRASE: "hollow-cinder-bramble-26", PORT: "5298" } as unknown as NodeJS.ProcessEnv;
const attempt = (args: string[]) =>
  run(process.execPath, args, { cwd: REPO, env, timeout: 90_000 }).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );

beforeAll(async () => {
  if (!mounted) return;
  expect((await attempt([path.join(REPO, "lib/cli/keywarden.mjs"), "init"])).code).toBe(0);
  execFileSync("mount", ["-o", "remount,ro", dir], { timeout: 10_000 });
});
afterAll(() => {
  if (mounted) {
    try {
      execFileSync("umount", [dir], { stdio: "ignore", timeout: 10_000 });
    } catch {
      execFileSync("umount", ["-l", dir], { stdio: "ignore", timeout: 10_000 });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!mounted)("a read-only data directory", () => {
  it("the CLI says so in one line", async () => {
    const r = await attempt([path.join(REPO, "lib/cli/keywarden.mjs"), "list"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^keywarden: Keywarden's data directory is read-only/m);
    expect(r.stderr).not.toMatch(/Something went wrong|at .*\.js:\d+/);
  });

  it("the server refuses to start and says so", async () => {
    const r = await attempt([path.join(REPO, "lib/server/start.mjs")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the data directory ${dir} is read-only (EROFS)`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
