// Entry point of the `keywarden` command (started by keywarden.mjs). Every command runs the same lib/ code as
// the dashboard against the same data directory; SQLite's WAL and busy_timeout let it run while the web
// server is up. Errors become one line on stderr via lib/errors — never a stack trace, never a secret.
import { closeDb } from "@/lib/db/client";
import fs from "node:fs";
import { databaseFile, dataDir } from "@/lib/db/paths.mjs";
import { AppError } from "@/lib/errors/app-error";
import { errorLine } from "./error-line";
import { EXIT, type ExitCode } from "./exit-codes";
import { prepareDatabase } from "./open-vault";
import { inspectDatabaseFile } from "@/lib/db/database-health.mjs";
import { UsageError, USAGE } from "./usage";
import { initCommand } from "./commands/init";
import { addCommand } from "./commands/add";
import { listCommand } from "./commands/list";
import { checkCommand } from "./commands/check";
import { auditCommand } from "./commands/audit";
import { exportCommand } from "./commands/export";
import { backupCommand, restoreCommand } from "./commands/backup";
import { verifyCommand } from "./commands/verify";
import { scanCommand } from "./commands/scan";
import { incidentCommand } from "./commands/incident";

const COMMANDS: Record<string, (args: string[]) => Promise<ExitCode>> = {
  init: initCommand,
  add: addCommand,
  list: listCommand,
  check: checkCommand,
  audit: auditCommand,
  export: exportCommand,
  backup: backupCommand,
  restore: restoreCommand,
  verify: verifyCommand,
  scan: scanCommand,
  incident: incidentCommand,
};

async function run(argv: string[]): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (name === undefined) throw new UsageError("No command given.");
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`Unknown command “${name.slice(0, 40)}”.`);
  // Restoring onto a new machine: do not create an empty database just to set it aside again. Restoring over a
  // damaged one is how it gets fixed, so that one is not refused here either.
  const restoreOver = name === "restore" && (!fs.existsSync(databaseFile()) || inspectDatabaseFile(databaseFile()) !== null);
  if (!restoreOver) prepareDatabase();
  return command(rest);
}

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
