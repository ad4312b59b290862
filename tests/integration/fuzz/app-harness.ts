// The built app for the HTTP fuzz tests: `next start` on a free loopback port with its own data directory, the
// OKX simulator behind it, a vault set up through the real setup action, and a way to call any server action the
// way the browser does (POST to a page with the `Next-Action` header and a React-encoded argument list).
//
// Action ids change with every build, so they are read from the build's server-reference-manifest (file name +
// exported name → id, and the pages whose bundle serves it): a renamed or added action shows up there at once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { startOkxSim, type OkxSim } from "../../okx-sim";
import { spawn } from "node:child_process";
import { ensureBuild, freePort, root, type RunningServer } from "../../bench/server";
import { migrate } from "@/lib/db/migrate.mjs";

const require = createRequire(import.meta.url);
// React's own reply encoder (what the browser's action call uses), from the copy Next ships and serves with.
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply(args: unknown[]): Promise<string | FormData>;
};

export interface ActionRef {
  id: string;
  /** A page whose bundle serves the action, as a URL path ("[id]" still to be filled). */
  page: string;
}

/** "app/(dashboard)/keys/actions.ts#addKeyAction" → its id and a page to POST it to. */
export function actionManifest(): Map<string, ActionRef> {
  const file = path.join(root, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const out = new Map<string, ActionRef>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) throw new Error(`manifest entry ${id} has no filename/exportedName: the Next build format changed`);
    // Prefer a page without dynamic segments; otherwise the caller fills [id].
    const workers = Object.keys(entry.workers).sort((a, b) => Number(a.includes("[")) - Number(b.includes("[")));
    const page =
      workers[0]
        .replace(/^app/, "")
        .replace(/\/\([^)]*\)/g, "")
        .replace(/\/page$/, "") || "/";
    out.set(`${entry.filename}#${entry.exportedName}`, { id, page });
  }
  return out;
}

export interface ActionReply {
  status: number;
  body: string;
  headers: Headers;
}

export class App {
  cookie = "";
  constructor(
    readonly server: RunningServer,
    readonly sim: OkxSim,
    readonly dataDir: string,
    readonly actions: Map<string, ActionRef>,
  ) {}

  get url() {
    return this.server.url;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Origin: this.url, "Sec-Fetch-Site": "same-origin", ...(this.cookie ? { Cookie: this.cookie } : {}), ...extra };
  }

  /** Calls an action with real arguments, encoded like the browser encodes them. */
  async call(name: string, args: unknown[], opts: { keyId?: string } = {}): Promise<ActionReply> {
    return this.post(name, await encodeReply(args), opts);
  }

  /** Sends any body to an action's endpoint: what a broken or hostile client could send. */
  async post(name: string, body: string | FormData | Uint8Array<ArrayBuffer>, opts: { keyId?: string; contentType?: string } = {}): Promise<ActionReply> {
    const ref = this.actions.get(name);
    if (!ref) throw new Error(`no action ${name} in the build's manifest`);
    const page = ref.page.replace("[id]", opts.keyId ?? "00000000-0000-4000-8000-000000000000");
    const headers = this.headers({ "Next-Action": ref.id, Accept: "text/x-component" });
    if (opts.contentType) headers["Content-Type"] = opts.contentType;
    else if (typeof body === "string") headers["Content-Type"] = "text/plain;charset=UTF-8";
    const res = await fetch(this.url + page, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    this.keepCookie(res);
    return { status: res.status, body: text, headers: res.headers };
  }

  async request(pathname: string, init: RequestInit = {}): Promise<ActionReply> {
    const res = await fetch(this.url + pathname, {
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
      ...init,
      headers: { ...this.headers(), ...(init.headers as Record<string, string>) },
    });
    const text = await res.text();
    return { status: res.status, body: text, headers: res.headers };
  }

  private keepCookie(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      if (pair.startsWith("kw_session=")) this.cookie = /=(.+)/.test(pair) && !/Max-Age=0/i.test(c) ? pair : "";
    }
  }

  /** Everything stored, row by row, except what a refused attempt may itself record by design. */
  dump(): string {
    return dumpDatabase(path.join(this.dataDir, "keywarden.db"));
  }

  /** The server is still up and answering pages. */
  async alive(): Promise<boolean> {
    if (this.server.child.exitCode !== null) return false;
    const r = await this.request("/unlock");
    return r.status === 200 || r.status === 307;
  }

  async stop() {
    await this.server.stop();
    await this.sim.close();
    fs.rmSync(path.dirname(this.dataDir), { recursive: true, force: true });
  }
}

/** Everything stored, row by row, except what a refused attempt may itself record by design. */
export function dumpDatabase(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      // The audit log is append-only (a refused unlock is worth an entry); the failed-unlock counter is the
      // backoff itself. Neither is data a refused input could lose or corrupt.
      if (t === "AuditEvent") continue;
      const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Record<string, unknown>[];
      out[t] = rows.map((r) => {
        if (t === "Vault") {
          const { failedAttempts: _f, lastFailedAt: _l, ...rest } = r;
          return rest;
        }
        return r;
      });
    }
    return JSON.stringify(out, (_k, v) => (Buffer.isBuffer(v) ? v.toString("base64") : typeof v === "bigint" ? String(v) : v));
  } finally {
    db.close();
  }
}

export const PASSPHRASE = "fuzzing correct horse battery staple 17";

export function formData(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** `next start` on loopback for a data directory with no vault yet (so /unlock sends to /setup: 307, not 200). */
async function startServer(dataDir: string, timeoutMs: number, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = "";
  const t0 = Date.now();
  const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, ...extraEnv, KEYWARDEN_DATA_DIR: dataDir, PORT: String(port), NODE_ENV: "production" },
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
    const status = await fetch(`${url}/unlock`, { redirect: "manual", signal: AbortSignal.timeout(5000) }).then(
      async (r) => (await r.arrayBuffer(), r.status),
      () => 0,
    );
    if (status === 200 || status === 307) break;
    if (Date.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`server did not answer within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, port, child, startMs: Date.now() - t0, log: () => out, stop };
}

/**
 * Build (if stale), start the simulator and the app, create the vault through the real setup action. `env`: more
 * variables for the server only (TMPDIR on a small disk, say).
 */
export async function startApp(opts: { env?: Record<string, string> } = {}): Promise<App> {
  await ensureBuild();
  const sim = await startOkxSim({});
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "kw-fuzz-"));
  const dataDir = path.join(base, "data");
  fs.mkdirSync(dataDir, { mode: 0o700 });
  // What `npm start` does before `next start`.
  migrate({ quiet: true, dataDir });
  const before = process.env.OKX_API_BASE_URL;
  process.env.OKX_API_BASE_URL = sim.baseUrlEnv;
  let server: RunningServer;
  try {
    server = await startServer(dataDir, 120_000, opts.env);
  } finally {
    if (before === undefined) delete process.env.OKX_API_BASE_URL;
    else process.env.OKX_API_BASE_URL = before;
  }
  const app = new App(server, sim, dataDir, actionManifest());
  const r = await app.call("app/setup/actions.ts#setupAction", [{}, formData({ passphrase: PASSPHRASE, confirm: PASSPHRASE })]);
  if (!app.cookie) throw new Error(`setup did not sign in (status ${r.status}): ${r.body.slice(0, 300)}\n${server.log()}`);
  return app;
}
