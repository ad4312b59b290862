// 3. server start → first 200 and memory, 6. server render time of / and /keys with 1,000 and 10,000 keys vs an
// empty vault, and of one key's page in both (it should cost what one key costs, whatever the vault's size),
// 7. first-load JS of / vs /unlock. Chromium is Debian's (/usr/bin/chromium), launched like the e2e tests.
import path from "node:path";
import Database from "better-sqlite3";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { BENCH_PASSPHRASE } from "./data-dir";
import type { LargeVault } from "./page-fleet";
import type { BenchRow } from "./report";
import { startServer, treeRss, type RunningServer } from "./server";
import { fmtBytes, fmtMs, median, nowMs } from "./stats";
import { CHROMIUM_ARGS } from "../support/chromium-args";

const PAGES = ["/", "/keys"] as const;
/** The findings views: by rule (each rule's worst cards), a page of keys, and a page of one rule's cards. */
export const FINDINGS_VIEWS = ["/findings", "/findings?group=key", "/findings?group=key&page=3", "/findings?rule=age&page=2"] as const;
const RUNS = 10;
/** Fewer runs on the 10,000-key vault: each cold render there loads the whole vault. */
const HUGE_RUNS = 5;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Unlocks the server's vault through the real form; the returned context carries the session cookie. */
export async function unlockedContext(browser: Browser, server: RunningServer): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: server.url });
  const page = await ctx.newPage();
  await page.goto("/unlock");
  await page.getByLabel("Master passphrase").fill(BENCH_PASSPHRASE);
  await page.getByRole("button", { name: "Unlock" }).click();
  await page.getByRole("heading", { name: "Overview" }).waitFor({ timeout: 30_000 });
  await page.close();
  return ctx;
}

interface PageTimes {
  medians: Record<string, number>;
  rssBytes: number;
}

async function getPage(ctx: BrowserContext, p: string): Promise<number> {
  return (await getPageSized(ctx, p)).ms;
}

export async function getPageSized(ctx: BrowserContext, p: string): Promise<{ ms: number; bytes: number }> {
  const t0 = nowMs();
  const res = await ctx.request.get(p, { maxRedirects: 0 });
  const body = await res.body();
  const ms = nowMs() - t0;
  if (res.status() !== 200 || body.length === 0) throw new Error(`GET ${p} answered ${res.status()} (session lost?)`);
  return { ms, bytes: body.length };
}

/** Median server time (request → full HTML) per page, `runs` runs interleaved after 2 warm-ups each. */
async function timePages(ctx: BrowserContext, server: RunningServer, pages: readonly string[], runs = RUNS): Promise<PageTimes> {
  for (const p of pages) for (let i = 0; i < 2; i++) await getPage(ctx, p);
  const times: Record<string, number[]> = Object.fromEntries(pages.map((p) => [p, []]));
  for (let i = 0; i < runs; i++) for (const p of pages) times[p].push(await getPage(ctx, p));
  return {
    medians: Object.fromEntries(pages.map((p) => [p, median(times[p])])),
    rssBytes: treeRss(server.child.pid!),
  };
}

/**
 * Median time of a page when another key changed just before (what the first request after a check or an edit
 * pays): the bench bumps one key's updatedAt in the database, which every page's row cache notices at once.
 */
async function timeAfterWrite(ctx: BrowserContext, dataDir: string, page: string, otherKeyId: string, runs: number): Promise<number> {
  const db = new Database(path.join(dataDir, "keywarden.db"));
  try {
    db.pragma("busy_timeout = 5000");
    const row = db.prepare(`SELECT "updatedAt" FROM "ApiKey" WHERE "id" = ?`).get(otherKeyId) as { updatedAt: number | string };
    const bump = db.prepare(`UPDATE "ApiKey" SET "updatedAt" = ? WHERE "id" = ?`);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      // An hour apart, as two real edits usually are (the row cache's stamp tells milliseconds apart too).
      const at = new Date(Date.now() + (i + 1) * 3_600_000);
      bump.run(typeof row.updatedAt === "number" ? at.getTime() : at.toISOString(), otherKeyId);
      times.push(await getPage(ctx, page));
    }
    return median(times);
  } finally {
    db.close();
  }
}

/** Decoded bytes of every script response when `path` loads with the browser cache disabled. */
async function scriptBytes(browser: Browser, server: RunningServer, path: string, from?: BrowserContext): Promise<{ bytes: number; count: number }> {
  const ctx = await browser.newContext({ baseURL: server.url, storageState: from ? await from.storageState() : undefined });
  try {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const bodies: Promise<number>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script")
        bodies.push(
          res.body().then(
            (b) => b.length,
            () => 0,
          ),
        );
    });
    const res = await page.goto(path, { waitUntil: "networkidle" });
    if (!res || res.status() !== 200 || new URL(page.url()).pathname !== path) {
      throw new Error(`${path} did not load (status ${res?.status()}, at ${page.url()})`);
    }
    const sizes = await Promise.all(bodies);
    return { bytes: sizes.reduce((a, b) => a + b, 0), count: sizes.length };
  } finally {
    await ctx.close();
  }
}

/** One vault's page timings: / and /keys against the empty vault, one key's page warm and after a write. */
async function benchVault(
  browser: Browser,
  vault: LargeVault,
  keys: string,
  runs: number,
  empty: PageTimes,
): Promise<{ rows: BenchRow[]; server: RunningServer; ctx: BrowserContext }> {
  const server = await startServer(vault.dir);
  const ctx = await unlockedContext(browser, server);
  const keyPage = `/keys/${vault.sampleKeyIds[0]}`;
  const times = await timePages(ctx, server, [...PAGES, keyPage], runs);
  const keyCold = await timeAfterWrite(ctx, vault.dir, keyPage, vault.sampleKeyIds[1], runs);
  const sizes = await Promise.all([...PAGES, keyPage].map(async (p) => [p, (await getPageSized(ctx, p)).bytes] as const));
  const sizeNote = `HTML: ${sizes.map(([p, b]) => `${p === keyPage ? "/keys/[id]" : p} ${fmtBytes(b)}`).join(", ")}`;
  const rows: BenchRow[] = [
    {
      metric: `Server RSS after warm-up (${keys} keys)`,
      measured: fmtBytes(times.rssBytes),
      target: "— (info)",
      ok: null,
      value: times.rssBytes,
      unit: "bytes",
    },
  ];
  for (const p of PAGES) {
    const ratio = times.medians[p] / empty.medians[p];
    rows.push({
      metric: `Render ${p} ${keys} keys vs empty`,
      measured: `${fmtMs(times.medians[p])} vs ${fmtMs(empty.medians[p])} = ${ratio.toFixed(2)}×`,
      target: keys === "1,000" ? "≤ 3×" : "— (info)",
      ok: keys === "1,000" ? ratio <= 3 : null,
      value: { largeMs: times.medians[p], emptyMs: empty.medians[p], ratio },
      note: `page.request.get (server-rendered HTML, session cookie), median of ${runs} after 2 warm-ups`,
    });
  }
  if (keys === "1,000") {
    // /findings is paged (a page of keys, or each rule's worst cards): its size should no longer grow with the vault.
    for (const view of FINDINGS_VIEWS) {
      await getPage(ctx, view);
      const f = await getPageSized(ctx, view);
      rows.push({
        metric: `Render ${view} ${keys} keys (one request, warm)`,
        measured: `${fmtMs(f.ms)}, ${fmtBytes(f.bytes)} of HTML`,
        target: "— (info)",
        ok: null,
        value: { ms: f.ms, bytes: f.bytes },
        note: "one page of findings (was every finding of every key: 12.2 MiB, 1.35 s before paging)",
      });
    }
  }
  rows.push({
    metric: `Render /keys/[id] ${keys} keys: warm / after a write`,
    measured: `${fmtMs(times.medians[keyPage])} / ${fmtMs(keyCold)}`,
    target: "— (info)",
    ok: null,
    value: { warmMs: times.medians[keyPage], afterWriteMs: keyCold },
    note: `one key with its checks; "after a write": another key's updatedAt bumped in the database before each request (what the first view after a check or an edit pays), median of ${runs}; ${sizeNote}`,
  });
  return { rows, server, ctx };
}

/** Server start (median of 3 on the empty vault) and everything that needs a browser. */
export async function benchWeb(emptyDir: string, large: LargeVault, huge: LargeVault | null): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const starts: number[] = [];
  let empty: RunningServer | undefined;
  let largeServer: RunningServer | undefined;
  let hugeServer: RunningServer | undefined;
  const browser = await launchChromium();
  try {
    for (let i = 0; i < 3; i++) {
      await empty?.stop();
      empty = await startServer(emptyDir);
      starts.push(empty.startMs);
    }
    const startMs = median(starts);
    rows.push({
      metric: "Server start → first 200 on /unlock",
      measured: fmtMs(startMs),
      target: "— (info)",
      ok: null,
      value: startMs,
      unit: "ms",
      note: `median of 3 \`next start\` runs (empty vault): ${starts.map((s) => s.toFixed(0)).join(", ")} ms`,
    });

    const emptyCtx = await unlockedContext(browser, empty!);
    const emptyTimes = await timePages(emptyCtx, empty!, PAGES);
    await emptyCtx.close();
    await empty!.stop();
    rows.push({
      metric: "Server RSS after warm-up (empty vault)",
      measured: fmtBytes(emptyTimes.rssBytes),
      target: "— (info)",
      ok: null,
      value: emptyTimes.rssBytes,
      unit: "bytes",
      note: "VmRSS summed over the next start process tree, after unlock + the timed page renders",
    });

    const l = await benchVault(browser, large, "1,000", RUNS, emptyTimes);
    largeServer = l.server;
    rows.push(...l.rows);

    // JS is static per route; measured on the 1,000-key server as the realistic case.
    const dash = await scriptBytes(browser, largeServer, "/", l.ctx);
    const unlock = await scriptBytes(browser, largeServer, "/unlock");
    await l.ctx.close();
    await largeServer.stop();
    const ratio = dash.bytes / unlock.bytes;
    rows.push({
      metric: "First-load JS / vs /unlock",
      measured: `${fmtBytes(dash.bytes)} vs ${fmtBytes(unlock.bytes)} = ${ratio.toFixed(2)}×`,
      target: "≤ 1.3×",
      ok: ratio <= 1.3,
      value: { dashboardBytes: dash.bytes, unlockBytes: unlock.bytes, ratio, dashboardScripts: dash.count, unlockScripts: unlock.count },
      note: `decoded bytes of script responses, cache disabled (${dash.count} vs ${unlock.count} files; inline RSC payload not counted)`,
    });

    if (huge) {
      const h = await benchVault(browser, huge, "10,000", HUGE_RUNS, emptyTimes);
      hugeServer = h.server;
      rows.push(...h.rows);
      await h.ctx.close();
      await hugeServer.stop();
    }
    return rows;
  } finally {
    await empty?.stop();
    await largeServer?.stop();
    await hugeServer?.stop();
    await browser.close();
  }
}
