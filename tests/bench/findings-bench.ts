// `node --conditions=react-server --import tsx tests/bench/findings-bench.ts`: only the /findings views at 1,000 keys
// (the full web bench also builds a 10,000-key vault), to check paging keeps the page small; `--screenshots` also
// saves the pager and the "show all" link, which the e2e fleet is too small to show, into screenshots/.
import fs from "node:fs";
import path from "node:path";
import { removeDataDirs } from "./data-dir";
import { largeVaultDir } from "./page-fleet";
import { ensureBuild, startServer } from "./server";
import { fmtBytes, fmtMs } from "./stats";
import { FINDINGS_VIEWS, getPageSized, launchChromium, unlockedContext } from "./web-bench";

async function main(): Promise<void> {
  const stale = await ensureBuild();
  if (stale) console.log(stale);
  const vault = await largeVaultDir(1000);
  const server = await startServer(vault.dir);
  const browser = await launchChromium();
  try {
    const ctx = await unlockedContext(browser, server);
    for (const view of FINDINGS_VIEWS) {
      await getPageSized(ctx, view);
      const f = await getPageSized(ctx, view);
      console.log(`${view}: ${fmtBytes(f.bytes)} of HTML, ${fmtMs(f.ms)} (warm)`);
    }
    // The pager and the "show all" link only appear with many findings: look at them here, light and dark.
    if (process.argv.includes("--screenshots")) {
      fs.mkdirSync("screenshots", { recursive: true });
      const page = await ctx.newPage();
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto("/findings?group=key&page=2");
        await page.screenshot({ path: path.join("screenshots", `findings-paged-top-${scheme}.png`) });
        const pager = page.getByRole("navigation", { name: "Findings pages" });
        await pager.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join("screenshots", `findings-pager-${scheme}.png`) });
        await page.goto("/findings");
        await page
          .getByRole("link", { name: /^Show all \d+ / })
          .first()
          .scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join("screenshots", `findings-show-all-${scheme}.png`) });
        await page.goto("/findings?rule=age&page=2");
        await page.screenshot({ path: path.join("screenshots", `findings-one-rule-${scheme}.png`) });
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    removeDataDirs();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
