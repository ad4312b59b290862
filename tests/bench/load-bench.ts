// Load (issue 17): 200 page requests and 50 server actions in flight at once against the built app on loopback,
// every reply checked, the server's peak RSS sampled while they run, and then the idle auto-lock timed: with the
// idle timeout at its minimum (1 minute, the `idleMinutes` setting the Settings page writes), the vault must lock
// one minute after the last request, not earlier (a request in flight keeps it open) and not much later (the
// timer must not be starved by the load). Bounded: a fixed number of requests, each with a timeout, loopback only.
import path from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { actionManifest } from "../integration/fuzz/app-harness";
import { BENCH_PASSPHRASE } from "./data-dir";
import type { LargeVault } from "./page-fleet";
import type { BenchRow } from "./report";
import { startServer, treeRss, type RunningServer } from "./server";
import { fmtBytes, fmtMs, median, nowMs, sleep } from "./stats";

const require = createRequire(import.meta.url);
// React's reply encoder, as the browser's action call uses it (the copy Next ships).
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply(args: unknown[]): Promise<string | FormData>;
};

const PAGE_REQUESTS = 200;
const ACTION_REQUESTS = 50;
const REQUEST_TIMEOUT_MS = 180_000;
const IDLE_MINUTES = 1;
/** How long after the idle time is up the lock may come before it counts as late. */
const LOCK_SLACK_MS = 2_000;
/** Documented bound for the server's resident memory under this load (README, Performance). */
export const LOAD_RSS_BOUND = 1024 * 1024 * 1024;

interface Outcome {
  ok: boolean;
  /** What came back when it was not ok: status and the start of the reply (never secrets: none are sent). */
  detail?: string;
  ms: number;
  what: string;
  startedAt: number;
  endedAt: number;
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

/** The setting the Settings page writes, stored before the server starts so the unlock arms that idle time. */
function setIdleMinutes(db: Database.Database, minutes: number): void {
  // Dates in the format this database already uses (Prisma's adapter writes them one way; keep to it).
  const sample = db.prepare(`SELECT "updatedAt" FROM "ApiKey" LIMIT 1`).get() as { updatedAt: number | string } | undefined;
  const now = typeof sample?.updatedAt === "number" ? Date.now() : new Date().toISOString();
  db.prepare(
    `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('idleMinutes', ?, ?) ON CONFLICT("key") DO UPDATE SET "value" = excluded."value"`,
  ).run(JSON.stringify(minutes), now);
}

class Client {
  cookie = "";
  constructor(
    readonly server: RunningServer,
    readonly actions: Map<string, { id: string; page: string }>,
  ) {}

  private headers(extra: Record<string, string>): Record<string, string> {
    return { Origin: this.server.url, "Sec-Fetch-Site": "same-origin", ...(this.cookie ? { Cookie: this.cookie } : {}), ...extra };
  }

  async action(name: string, page: string, args: unknown[]): Promise<{ status: number; body: string; headers: Headers }> {
    const ref = this.actions.get(name);
    if (!ref) throw new Error(`no action ${name} in the build's manifest`);
    const body = await encodeReply(args);
    const headers = this.headers({
      "Next-Action": ref.id,
      Accept: "text/x-component",
      ...(typeof body === "string" ? { "Content-Type": "text/plain;charset=UTF-8" } : {}),
    });
    const res = await fetch(this.server.url + page, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    for (const c of res.headers.getSetCookie()) if (c.startsWith("kw_session=")) this.cookie = c.split(";")[0];
    return { status: res.status, body: text, headers: res.headers };
  }

  async page(p: string): Promise<{ status: number; body: string }> {
    const res = await fetch(this.server.url + p, { headers: this.headers({}), redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return { status: res.status, body: await res.text() };
  }
}

/** A page rendered whole: 200, the document closed, no error boundary or error digest streamed into it. */
function pageOk(r: { status: number; body: string }): boolean {
  return r.status === 200 && r.body.includes("</html>") && !r.body.includes("Something went wrong") && !/data-dgst|"digest"/.test(r.body);
}

/** The action's return value (RSC row 1) says ok; a thrown action streams an error row instead. */
function actionOk(r: { status: number; body: string }): boolean {
  const row = r.body.split("\n").find((l) => l.startsWith("1:"));
  return r.status === 200 && !!row && !row.startsWith("1:E") && /"ok":true/.test(row);
}

async function timed(
  what: string,
  fn: () => Promise<{ status: number; body: string }>,
  check: (r: { status: number; body: string }) => boolean,
): Promise<Outcome> {
  const startedAt = Date.now();
  const t0 = nowMs();
  let ok = false;
  let detail: string | undefined;
  try {
    const r = await fn();
    ok = check(r);
    if (!ok) detail = `${r.status} ${(r.body.split("\n").find((l) => l.startsWith("1:")) ?? r.body).slice(0, 160)}`;
  } catch (e) {
    detail = e instanceof Error ? e.message : String(e);
  }
  return { ok, detail, ms: nowMs() - t0, what, startedAt, endedAt: Date.now() };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** The load on the 1,000-key vault, then the idle lock. */
export async function benchLoad(vault: LargeVault): Promise<BenchRow[]> {
  const dbFile = path.join(vault.dir, "keywarden.db");
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 5000");
  setIdleMinutes(db, IDLE_MINUTES);
  const server = await startServer(vault.dir);
  try {
    const client = new Client(server, actionManifest());
    const unlocked = await client.action("app/unlock/actions.ts#unlockAction", "/unlock", [{}, form({ passphrase: BENCH_PASSPHRASE })]);
    if (!client.cookie) throw new Error(`unlock failed (${unlocked.status}): ${unlocked.body.slice(0, 300)}`);
    const ids = vault.sampleKeyIds;
    const rssBefore = treeRss(server.child.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, treeRss(server.child.pid!))), 100);
    const today = new Date().toISOString().slice(0, 10);
    // The overview, the keys table and key pages. Not /findings: it renders every finding of the vault (12 MiB of
    // HTML with 1,000 keys, see its row in the web bench), so 50 of them at once measure that page, not the server.
    const pages = Array.from({ length: PAGE_REQUESTS }, (_, i) => ["/", "/keys", `/keys/${ids[i % ids.length]}`, `/keys/${ids[(i + 25) % ids.length]}`][i % 4]);
    const t0 = nowMs();
    let outcomes: Outcome[];
    try {
      outcomes = await Promise.all([
        ...pages.map((p) => timed(`GET ${p}`, () => client.page(p), pageOk)),
        ...Array.from({ length: ACTION_REQUESTS }, (_, i) => ids[i % ids.length]).map((id) =>
          timed(
            "setLastUsedAction",
            () => client.action("app/(dashboard)/keys/actions.ts#setLastUsedAction", `/keys/${id}`, [id, {}, form({ lastUsedOn: today })]),
            actionOk,
          ),
        ),
      ]);
    } finally {
      clearInterval(sampler);
    }
    const wallMs = nowMs() - t0;
    rssPeak = Math.max(rssPeak, treeRss(server.child.pid!));
    const pageOut = outcomes.slice(0, PAGE_REQUESTS);
    const actionOut = outcomes.slice(PAGE_REQUESTS);
    const errors = outcomes.filter((o) => !o.ok);

    // The idle lock: one last page view right after the load (so the idle minute starts at a known moment, whatever
    // the load's requests did), then nothing touches the session; the lock's audit event says when it fired.
    const last = await timed("GET last", () => client.page(`/keys/${ids[0]}`), pageOk);
    const lockAt = await waitForIdleLock(db, last.endedAt + IDLE_MINUTES * 60_000 + 30_000);
    const after = await client.page("/");
    const refused = after.status === 307 || after.status === 303;
    const idleMs = IDLE_MINUTES * 60_000;
    const lockDelay = lockAt === null ? Number.NaN : lockAt - last.endedAt;
    // The timer counts from that view's session check, which lies between its start and its reply.
    const onTime = last.ok && lockAt !== null && lockAt >= last.startedAt + idleMs && lockAt <= last.endedAt + idleMs + LOCK_SLACK_MS && refused;

    const dist = (xs: Outcome[]) =>
      `p50 ${fmtMs(median(xs.map((o) => o.ms)))}, p95 ${fmtMs(
        pct(
          xs.map((o) => o.ms),
          95,
        ),
      )}, max ${fmtMs(Math.max(...xs.map((o) => o.ms)))}`;
    return [
      {
        metric: `Load: ${PAGE_REQUESTS} page requests + ${ACTION_REQUESTS} server actions at once (1,000 keys)`,
        measured: `${errors.length} errors of ${outcomes.length}; all done in ${fmtMs(wallMs)}`,
        target: "0 errors",
        ok: errors.length === 0,
        value: {
          errors: errors.length,
          requests: outcomes.length,
          wallMs,
          pageP50Ms: median(pageOut.map((o) => o.ms)),
          actionP50Ms: median(actionOut.map((o) => o.ms)),
        },
        note:
          `pages (/, /keys and 50 key pages in turn: 50, 50, 100): ${dist(pageOut)}; actions (setLastUsedAction on 50 keys, each a write + audit event): ${dist(actionOut)}` +
          (errors.length ? `; failed: ${[...new Set(errors.map((e) => `${e.what} → ${e.detail}`))].slice(0, 3).join(" | ")}` : ""),
      },
      {
        metric: "Load: server RSS peak (before the load)",
        measured: `${fmtBytes(rssPeak)} (${fmtBytes(rssBefore)})`,
        target: `≤ ${fmtBytes(LOAD_RSS_BOUND)}`,
        ok: rssPeak <= LOAD_RSS_BOUND,
        value: { peakBytes: rssPeak, beforeBytes: rssBefore },
        note: "VmRSS of the next start process tree, sampled every 100 ms while the requests were in flight",
      },
      {
        metric: `Load: idle auto-lock (${IDLE_MINUTES} min) after the load`,
        measured:
          lockAt === null
            ? "did not lock within 30 s of its time"
            : `locked ${((lockAt - last.startedAt) / 1000).toFixed(2)} s after the last request was sent (${(lockDelay / 1000).toFixed(2)} s after its reply)${refused ? ", session refused" : ", session still accepted"}`,
        target: `${IDLE_MINUTES * 60}–${IDLE_MINUTES * 60 + LOCK_SLACK_MS / 1000} s`,
        ok: onTime,
        value: { lockDelayMs: lockDelay, lastRequestMs: last.ms },
        note: `one page view right after the load (${fmtMs(last.ms)}), then none: measured from its reply to the vault.lock audit event; then GET / answered ${after.status}`,
      },
    ];
  } finally {
    db.close();
    await server.stop();
  }
}

/** Polls the audit log (read-only, never the session) for the idle lock; its time in ms, or null past `deadline`. */
async function waitForIdleLock(db: Database.Database, deadline: number): Promise<number | null> {
  const q = db.prepare(`SELECT "at" FROM "AuditEvent" WHERE "action" = 'vault.lock' AND "detail" LIKE '%"idle"%' ORDER BY "id" DESC LIMIT 1`);
  while (Date.now() < deadline) {
    const row = q.get() as { at: number | string } | undefined;
    if (row) return typeof row.at === "number" ? row.at : Date.parse(row.at);
    await sleep(200);
  }
  return null;
}
