// keywarden add: store a key. Secrets come from stdin as JSON (or hidden prompts in a terminal), never from
// arguments. Validation is lib/keys' zod schema; its field names are mapped back to the flags.
import { visit } from "jsonc-parser";
import { z } from "zod";
import { AppError, ValidationError } from "@/lib/errors/app-error";
import { addAndCheckKey, type AddedKey } from "@/lib/checks/add-and-check";
import { addedCheckLines } from "@/lib/checks/check-advice";
import { CREATED_UNKNOWN, secretWarnings, type KeySecrets } from "@/lib/keys/key-schema";
import { EXIT, type ExitCode } from "../exit-codes";
import { unlockForCli } from "../open-vault";
import { promptHidden, readAllStdin, stdinIsTty } from "../prompt";
import { parseFlags, UsageError, USAGE } from "../usage";
import { terminalText } from "@/lib/export/printable";

const FIELD_NAMES: Record<string, string> = {
  label: "--label",
  purpose: "--purpose",
  region: "--region",
  host: "--host",
  demo: "--demo",
  createdOn: "--created",
  usedBy: "--used-by",
  notes: "--notes",
  apiKey: "apiKey (stdin)",
  secretKey: "secretKey (stdin)",
  passphrase: "passphrase (stdin)",
};

const STDIN_SHAPE = '{"apiKey": "...", "secretKey": "...", "passphrase": "..."}';
const stdinSchema = z.object({ apiKey: z.string(), secretKey: z.string(), passphrase: z.string() });

/** The first property name an object in `json` (already valid JSON) repeats, when it is a name we expect; else null. */
function duplicateName(json: string): string | null {
  const seen: Set<string>[] = [];
  let found: string | null = null;
  visit(json, {
    onObjectBegin: () => void seen.push(new Set()),
    onObjectEnd: () => void seen.pop(),
    onObjectProperty: (name) => {
      const names = seen[seen.length - 1];
      if (found === null && names.has(name)) found = name;
      names.add(name);
    },
  });
  // Only our own field names are echoed; anything else is named generically (it could be a pasted secret).
  if (found === null) return null;
  return ["apiKey", "secretKey", "passphrase"].includes(found) ? found : "one property";
}

async function readSecrets(): Promise<KeySecrets> {
  if (stdinIsTty()) {
    return {
      apiKey: await promptHidden("OKX API key: "),
      secretKey: await promptHidden("OKX secret key: "),
      passphrase: await promptHidden("OKX API passphrase: "),
    };
  }
  const raw = await readAllStdin();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Never quote the input back: it holds secrets.
    throw new AppError(`stdin is not valid JSON. Expected ${STDIN_SHAPE}. Nothing was stored.`, "invalid-input");
  }
  // JSON.parse keeps the last of two equal names; which secret was meant is not ours to guess.
  const twice = duplicateName(raw);
  if (twice !== null) {
    throw new AppError(`stdin names ${twice === "one property" ? twice : `"${twice}"`} twice. Expected ${STDIN_SHAPE}. Nothing was stored.`, "invalid-input");
  }
  const r = stdinSchema.safeParse(parsed);
  if (!r.success) {
    throw new AppError(`stdin must be a JSON object with the strings apiKey, secretKey and passphrase: ${STDIN_SHAPE}. Nothing was stored.`, "invalid-input");
  }
  return r.data;
}

export async function addCommand(args: string[]): Promise<ExitCode> {
  const { values } = parseFlags(args, {
    label: { type: "string" },
    purpose: { type: "string" },
    region: { type: "string" },
    host: { type: "string" },
    demo: { type: "boolean" },
    created: { type: "string" },
    "used-by": { type: "string", multiple: true },
    notes: { type: "string" },
    json: { type: "boolean" },
  });
  if (values.help) return (void process.stdout.write(USAGE), EXIT.ok);
  if (values.label === undefined) throw new UsageError("--label is required.");
  if (values.purpose === undefined) throw new UsageError("--purpose is required (read, trade or withdraw).");

  await unlockForCli();
  const secrets = await readSecrets();
  let added: AddedKey;
  try {
    added = await addAndCheckKey(
      {
        label: values.label,
        purpose: values.purpose,
        region: values.region ?? "detect",
        host: values.host ?? "",
        demo: values.demo ?? false,
        // Without --created the date is unknown, exactly like the form's "I don't know": stored as today, marked
        // "added", and the audit says the age is unknown.
        createdOn: values.created ?? CREATED_UNKNOWN,
        usedBy: (values["used-by"] ?? []).join("\n"),
        notes: values.notes ?? "",
        ...secrets,
      },
      { actor: "cli" },
    );
  } catch (err) {
    if (err instanceof ValidationError && err.fieldErrors) {
      const renamed = Object.fromEntries(Object.entries(err.fieldErrors).map(([f, m]) => [FIELD_NAMES[f] ?? f, m]));
      throw new ValidationError(renamed, "The key was not stored.");
    }
    throw err;
  }
  for (const w of Object.values(secretWarnings(secrets))) process.stderr.write(`warning: ${w}\n`);
  const { key, check, checkError } = added;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...key, check: check && checkJson(check), checkError }, null, 2)}\n`);
  } else {
    process.stdout.write(
      terminalText(
        `Added “${key.label}” (${key.fingerprint}): purpose ${key.purpose}, region ${key.region}${key.host ? ` (host ${key.host})` : ""}${key.demo ? ", demo" : ""}, ${key.createdOnSource === "added" ? `created on an unknown date (its age counts from today, the day it was added; --created YYYY-MM-DD gives the real one)` : `created ${key.createdOn}`}.\n`,
      ),
    );
    const lines = check ? addedCheckLines(check, check.detection) : [`Not checked: ${checkError}`];
    process.stdout.write(terminalText(`Checked with OKX: ${lines.join("\n  ")}\n`));
  }
  // The key is stored whatever OKX said: a refusal is a finding (see `keywarden audit`), not a failed add.
  return EXIT.ok;
}

/** The check as `check --json` prints it, plus where it was answered and what entity detection did. */
function checkJson(c: NonNullable<AddedKey["check"]>) {
  const d = c.detection;
  return {
    at: c.at.toISOString(),
    outcome: c.outcome,
    code: c.code,
    message: c.message,
    perm: c.perm,
    ip: c.ip,
    uid: c.uid,
    mainUid: c.mainUid,
    latencyMs: c.latencyMs,
    region: c.region,
    demo: c.demo,
    host: c.host,
    notFoundAnywhere: c.notFoundAnywhere,
    detection: d && { result: d.result, from: d.from, to: d.to, applied: d.applied, suggested: d.suggested, probes: d.probes },
  };
}
