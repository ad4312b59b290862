// Help text and the usage error. parseArgs' own messages can quote an argument's value, and a user may have
// typed a secret there by mistake, so they are reworded to name the option only.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { AppError } from "@/lib/errors/app-error";

export class UsageError extends AppError {
  constructor(message: string) {
    super(`${message} Run \`keywarden help\` for usage.`, "usage");
  }
}

export const USAGE = `Keywarden — OKX API-key vault and auditor (command line)

Usage:
  keywarden init                                   create the vault
  keywarden add --label L --purpose read|trade|withdraw [--region detect|global|eea|us] [--demo]
                [--host https://….okx.com] [--created YYYY-MM-DD] [--used-by "name @ host"]... [--notes TEXT] [--json]
                reads {"apiKey": "...", "secretKey": "...", "passphrase": "..."} as JSON on stdin
                (asks for each, without echo, when stdin is a terminal); checks the key with OKX at once
                (--region detect, the default: asks each OKX entity, live and demo, which one knows it)
  keywarden list [--json]
  keywarden check (--all | LABEL...) [--json]      ask OKX what each key can do, store the checks
  keywarden audit [--json] [--fail-on critical|high|medium|low|none]   (default: high)
  keywarden verify (--all | LABEL...) [--require read|trade|withdraw]... [--forbid read|trade|withdraw]...
                [--require-ip] [--max-age DAYS] [--entity global|eea|us] [--json]
                                                   preflight gate for a bot's start script: ask OKX now, store
                                                   the check, exit 0 only if every key works and passes
  keywarden scan PATH... [--json]                  find OKX credentials in .env, freqtrade, ccxt-style, docker-compose
                                                   and Hummingbot files under PATH (read-only); stored keys gain
                                                   these files as consumers; never prints a found secret
  keywarden incident "NAME @ HOST" [--execute] [--json] [--report]
                                                   this app was compromised: print the plan for every key it holds,
                                                   most dangerous first (stores nothing); --execute deletes its
                                                   sub-account keys through their master keys, verifies every key
                                                   gone with OKX, destroys the secrets of those gone and lists the
                                                   okx.com steps for the rest (run it again after deleting them);
                                                   --report prints the Markdown report of its latest incident
  keywarden export --format json|csv|md [--out FILE]
  keywarden backup FILE                            consistent copy of the database (secrets stay sealed)
  keywarden restore FILE                           verify FILE, keep the current database aside, swap it in

The master passphrase comes from KEYWARDEN_PASSPHRASE, or is asked for when stdin is a terminal.
restore also proves the backup's own vault opens: KEYWARDEN_BACKUP_PASSPHRASE, else asked on a terminal, else
the master passphrase above.
Data directory: KEYWARDEN_DATA_DIR, default ./data (relative to the current directory, like the web app).
Exit status: 0 ok · 1 audit found something at or above --fail-on · 2 could not run (usage, input, vault
locked/missing/wrong passphrase, refused file) · 3 check could not reach OKX for some key.
verify: 0 every key works and passes · 10 a requirement did not hold (or could not be decided) · 11 a key is
gone · 12 OKX refuses a key (secret, passphrase, demo/live, invalid, frozen) · 13 OKX could not be asked
(network, 5xx, rate limit, clock) · 14 vault locked: no KEYWARDEN_PASSPHRASE and no terminal · 2 could not run.
With several keys the first that applies of 11, 12, 10, 13.
incident --execute: 0 every key verified gone · 15 keys left to delete on okx.com (or not yet confirmed gone).
`;

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseFlags<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { help: { type: "boolean", short: "h" }, ...options }, allowPositionals, strict: true });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const option = /'(-{1,2}[^'=\s]*)/.exec(e.message ?? "")?.[1];
    switch (e.code) {
      case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
        throw new UsageError(`Unknown option ${option ?? ""}.`.replace(" .", "."));
      case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
        throw new UsageError("Unexpected argument.");
      case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
        throw new UsageError(`Option ${option ?? ""} needs a value (or takes none).`.replace("  ", " "));
      default:
        throw new UsageError("Could not read the arguments.");
    }
  }
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of: ${allowed.join(", ")}.`);
  return value as T;
}
