// Starting and measuring the built dashboard: `next start` on a free loopback port, one data directory each.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nowMs, sleep } from "./stats";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** Builds only when there is no build at all; returns a note when the build looks older than the sources. */
export async function ensureBuild(): Promise<string | null> {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const stale = !fs.existsSync(buildId) || newestMtime(SOURCES.map((p) => path.join(root, p))) > fs.statSync(buildId).mtimeMs;
  if (!stale) return null;
  // Numbers from an old build would describe code that is no longer there: build first (not timed).
  console.log("\nbench: the .next build is missing or older than the sources, running `next build` (not timed)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, encoding: "utf8" });
  // Another process's build holds .next (an e2e run): wait for theirs instead of failing (or racing it).
  if (r.status !== 0 && /Another next build process is already running/.test(r.stdout + r.stderr)) {
    console.log("bench: another `next build` is running; waiting for it (up to 10 min)…");
    await waitFor(() => fs.existsSync(buildId), 600_000);
    return "measured on a build another process had just finished";
  }
  if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}${r.stderr}`);
  return null;
}

const SOURCES = ["app", "components", "lib", "proxy.ts", "next.config.js"];

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const st = fs.statSync(p);
    if (!st.isDirectory()) newest = Math.max(newest, st.mtimeMs);
    else if (!/(^|\/)(generated|node_modules)$/.test(p)) newest = Math.max(newest, newestMtime(fs.readdirSync(p).map((e) => path.join(p, e))));
  }
  return newest;
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = nowMs();
  while (!cond()) {
    if (nowMs() - t0 > timeoutMs) throw new Error("timed out waiting for the other next build");
    await sleep(2000);
  }
  // BUILD_ID is written near the end; give the build a moment to finish its last files.
  await sleep(3000);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** From spawn to the first 200 on /unlock. */
  startMs: number;
  log: () => string;
  stop(): Promise<void>;
}

/** Spawns `next start` for a data directory and polls /unlock until it answers 200. */
export async function startServer(dataDir: string, timeoutMs = 60_000): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = "";
  const t0 = nowMs();
  const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    // PORT too: the proxy's Host guard compares against it.
    env: { ...process.env, KEYWARDEN_DATA_DIR: dataDir, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/unlock`, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
      if (res.status !== 404 && res.status < 500) throw new Error(`GET /unlock answered ${res.status}`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("GET /unlock")) {
        await stop();
        throw e;
      }
      // Not listening yet.
    }
    if (nowMs() - t0 > timeoutMs) {
      await stop();
      throw new Error(`server did not answer within ${timeoutMs} ms:\n${out}`);
    }
    await sleep(10);
  }
  return { url, port, child, startMs: nowMs() - t0, log: () => out, stop };
}

/** Resident memory (VmRSS) of a process and all its descendants, in bytes. */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 (ppid) comes after the parenthesised command name, which may itself contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      continue;
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}
