// 3. server start → first 200 and memory, 6. server render time of / and /keys with 1,000 keys vs an empty
// vault, 7. first-load JS of / vs /unlock. Chromium is Debian's (/usr/bin/chromium), launched like the e2e tests.
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { BENCH_PASSPHRASE } from "./data-dir";
import type { BenchRow } from "./report";
import { startServer, treeRss, type RunningServer } from "./server";
import { fmtBytes, fmtMs, median, nowMs } from "./stats";

const LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const PAGES = ["/", "/keys"] as const;
const RUNS = 10;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: LAUNCH_ARGS });
}

/** Unlocks the server's vault through the real form; the returned context carries the session cookie. */
async function unlockedContext(browser: Browser, server: RunningServer): Promise<BrowserContext> {
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
  medians: Record<(typeof PAGES)[number], number>;
  rssBytes: number;
}

/** Median server time (request → full HTML) per page, 10 runs interleaved after 2 warm-ups each. */
async function timePages(ctx: BrowserContext, server: RunningServer): Promise<PageTimes> {
  const get = async (p: string) => {
    const t0 = nowMs();
    const res = await ctx.request.get(p, { maxRedirects: 0 });
    const body = await res.body();
    const ms = nowMs() - t0;
    if (res.status() !== 200 || body.length === 0) throw new Error(`GET ${p} answered ${res.status()} (session lost?)`);
    return ms;
  };
  for (const p of PAGES) for (let i = 0; i < 2; i++) await get(p);
  const times: Record<string, number[]> = Object.fromEntries(PAGES.map((p) => [p, []]));
  for (let i = 0; i < RUNS; i++) for (const p of PAGES) times[p].push(await get(p));
  return {
    medians: Object.fromEntries(PAGES.map((p) => [p, median(times[p])])) as PageTimes["medians"],
    rssBytes: treeRss(server.child.pid!),
  };
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
      if (res.request().resourceType() === "script") bodies.push(res.body().then((b) => b.length, () => 0));
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

/** Server start (median of 3 on the empty vault) and everything that needs a browser. */
export async function benchWeb(emptyDir: string, largeDir: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const starts: number[] = [];
  let empty: RunningServer | undefined;
  let large: RunningServer | undefined;
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
    const emptyTimes = await timePages(emptyCtx, empty!);
    await emptyCtx.close();
    await empty!.stop();

    large = await startServer(largeDir);
    const largeCtx = await unlockedContext(browser, large);
    const largeTimes = await timePages(largeCtx, large);

    rows.push({
      metric: "Server RSS after warm-up (empty vault)",
      measured: fmtBytes(emptyTimes.rssBytes),
      target: "— (info)",
      ok: null,
      value: emptyTimes.rssBytes,
      unit: "bytes",
      note: "VmRSS summed over the next start process tree, after unlock + 24 page renders",
    });
    rows.push({
      metric: "Server RSS after warm-up (1,000 keys)",
      measured: fmtBytes(largeTimes.rssBytes),
      target: "— (info)",
      ok: null,
      value: largeTimes.rssBytes,
      unit: "bytes",
    });
    for (const p of PAGES) {
      const ratio = largeTimes.medians[p] / emptyTimes.medians[p];
      rows.push({
        metric: `Render ${p} 1,000 keys vs empty`,
        measured: `${fmtMs(largeTimes.medians[p])} vs ${fmtMs(emptyTimes.medians[p])} = ${ratio.toFixed(2)}×`,
        target: "≤ 3×",
        ok: ratio <= 3,
        value: { largeMs: largeTimes.medians[p], emptyMs: emptyTimes.medians[p], ratio },
        note: `page.request.get (server-rendered HTML, session cookie), median of ${RUNS} after 2 warm-ups`,
      });
    }

    // JS is static per route; measured on the 1,000-key server as the realistic case.
    const dash = await scriptBytes(browser, large, "/", largeCtx);
    const unlock = await scriptBytes(browser, large, "/unlock");
    await largeCtx.close();
    const ratio = dash.bytes / unlock.bytes;
    rows.push({
      metric: "First-load JS / vs /unlock",
      measured: `${fmtBytes(dash.bytes)} vs ${fmtBytes(unlock.bytes)} = ${ratio.toFixed(2)}×`,
      target: "≤ 1.3×",
      ok: ratio <= 1.3,
      value: { dashboardBytes: dash.bytes, unlockBytes: unlock.bytes, ratio, dashboardScripts: dash.count, unlockScripts: unlock.count },
      note: `decoded bytes of script responses, cache disabled (${dash.count} vs ${unlock.count} files; inline RSC payload not counted)`,
    });
    return rows;
  } finally {
    await empty?.stop();
    await large?.stop();
    await browser.close();
  }
}
