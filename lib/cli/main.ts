// Entry point of the `keywarden` command (started by keywarden.mjs). Every command runs the same lib/ code as
// the dashboard against the same data directory; SQLite's WAL and busy_timeout let it run while the web
// server is up. Errors become one line on stderr via lib/errors — never a stack trace, never a secret.
import { closeDb } from "@/lib/db/client";
import { dataDir } from "@/lib/db/paths.mjs";
import { AppError } from "@/lib/errors/app-error";
import { errorLine } from "./error-line";
import { EXIT } from "./exit-codes";
import { run } from "./run";

async function main(): Promise<void> {
  // migrate() runs Prisma with the repo as its cwd, so a relative default (./data) would resolve there:
  // pin the data directory to the caller's cwd as an absolute path first.
  process.env.KEYWARDEN_DATA_DIR = dataDir();
  let code: number;
  try {
    code = await run(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${errorLine(err)}\n`);
    code = err instanceof AppError && err.code === "interrupted" ? EXIT.cancelled : EXIT.failed;
  }
  try {
    await closeDb();
  } catch {
    // Closing can only fail if the connection is already gone; the work is done either way.
  }
  // Pipes are asynchronous on some platforms (macOS): let queued output drain before exiting.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((resolve) => s.write("", () => resolve()))));
  // Explicit exit: keep-alive sockets to OKX would otherwise hold the process open for seconds.
  process.exit(code);
}

void main();
