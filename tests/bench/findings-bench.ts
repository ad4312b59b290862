// `node --conditions=react-server --import tsx tests/bench/findings-bench.ts`: only the /findings views at 1,000 keys
// (the full web bench also builds a 10,000-key vault), to check paging keeps the page small.
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
