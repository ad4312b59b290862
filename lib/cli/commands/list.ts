// keywarden list: the stored keys (active ones), as a table or as the KeyDto array.
import { consumerText } from "@/lib/domain";
import { listKeys } from "@/lib/keys/key-store";
import { EXIT, type ExitCode } from "../exit-codes";
import { unlockForCli } from "../open-vault";
import { daysAgo, table } from "../table";
import { parseFlags, USAGE } from "../usage";

export async function listCommand(args: string[]): Promise<ExitCode> {
  const { values } = parseFlags(args, { json: { type: "boolean" } });
  if (values.help) return (void process.stdout.write(USAGE), EXIT.ok);
  await unlockForCli();
  const keys = await listKeys();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
    return EXIT.ok;
  }
  if (keys.length === 0) {
    process.stdout.write("No keys stored yet. Add one with `keywarden add`.\n");
    return EXIT.ok;
  }
  const rows = keys.map((k) => [
    k.label,
    k.fingerprint,
    k.purpose,
    k.region + (k.demo ? " (demo)" : ""),
    k.createdOn,
    daysAgo(k.lastCheckedAt),
    k.consumers.map(consumerText).join(", ") || "—",
  ]);
  process.stdout.write(
    `${table(["LABEL", "KEY", "PURPOSE", "REGION", "CREATED", "CHECKED", "USED BY"], rows)}\n${keys.length} key${keys.length === 1 ? "" : "s"}.\n`,
  );
  return EXIT.ok;
}
