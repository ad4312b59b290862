// The command table and dispatch of `keywarden`, apart from the process plumbing in main.ts, so a test can run
// any argv in-process (tests/integration/fuzz/cli-flags.test.ts) without spawning a node per case.
import fs from "node:fs";
import { databaseFile } from "@/lib/db/paths.mjs";
import { type ExitCode, EXIT } from "./exit-codes";
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

export const COMMANDS: Record<string, (args: string[]) => Promise<ExitCode>> = {
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

export async function run(argv: string[]): Promise<ExitCode> {
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
