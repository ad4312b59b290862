// One schema for the add/edit forms and the server: the form shows these messages next to each field.
// Pure (no server-only): the browser bundle imports the warnings to show them as the user types.
import { z } from "zod";
import { parseConsumerLine, PURPOSES, REGION_LABELS, REGIONS, type Region } from "@/lib/domain";

/**
 * What a new key's region may be: an entity, or "detect" (Keywarden asks each entity's host, both environments,
 * on save). A stored key always has an entity: "detect" is stored as global until the check finds where it lives.
 */
export const REGION_CHOICES = ["detect", ...REGIONS] as const;
export type RegionChoice = (typeof REGION_CHOICES)[number];
export const REGION_CHOICE_LABELS: Record<RegionChoice, string> = {
  detect: "Detect: ask each OKX entity",
  ...REGION_LABELS,
};
/** The entity a key added with "detect" is stored under until its first check says otherwise. */
export const DETECT_FIRST_REGION: Region = "global";

export const HOST_MSG = "Use an OKX address such as https://us.okx.com: https, a host ending in okx.com, nothing after it.";

/**
 * A key-specific OKX host, "" for the region's preset. Only https hosts under okx.com: every signed request
 * carries the API key and passphrase in its headers, so a typo must not send them to someone else's server.
 */
export const okxHostSchema = z
  .string()
  .trim()
  .max(100, HOST_MSG)
  .transform((s, ctx) => {
    if (s === "") return null;
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`);
    } catch {
      ctx.addIssue({ code: "custom", message: HOST_MSG });
      return z.NEVER;
    }
    const host = url.hostname.toLowerCase();
    const underOkx = host === "okx.com" || host.endsWith(".okx.com");
    if (url.protocol !== "https:" || !underOkx || url.username || url.password || url.port || url.pathname !== "/" || url.search || url.hash) {
      ctx.addIssue({ code: "custom", message: HOST_MSG });
      return z.NEVER;
    }
    return `https://${host}`;
  });

const noPadding = (s: string) => s === s.trim();
// Control characters (ESC, BEL, NUL, backspace …) have no place in a name or a note and become terminal
// escape sequences when the CLI prints them; notes keep their line breaks and tabs.
const noControl = (s: string) => !/[\u0000-\u001f\u007f-\u009f]/.test(s);
const noControlInText = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s);
const CONTROL_MSG = "Remove the control characters (escape codes, tabs and the like).";
const PADDING_MSG = "Remove the spaces or line breaks at the start or end.";

function text(name: string, max: number) {
  return z
    .string({ error: `${name} is required.` })
    .min(1, `${name} is required.`)
    .max(max, `${name} must be at most ${max} characters.`)
    .refine(noPadding, PADDING_MSG)
    .refine(noControl, CONTROL_MSG);
}

function secretField(name: string, max: number) {
  return text(name, max).refine((s) => !/\s/.test(s), `${name} cannot contain spaces.`);
}

const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the date format YYYY-MM-DD.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "This is not a real date.")
  .refine((s) => s >= "2017-01-01", "OKX API v5 keys are not older than 2017.");

/** "bot-1 @ 10.0.0.5" per line → consumers (lib/domain/consumer.ts writes and reads one line). */
export const consumersSchema = z
  .string()
  .max(8000, "Keep the list of consumers under 8000 characters.")
  .refine((s) => noControl(s.replace(/\r?\n/g, "")), CONTROL_MSG)
  .transform((s) =>
    s
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .map(parseConsumerLine),
  )
  .pipe(
    z
      .array(
        z.object({
          name: z.string().min(1, "Each consumer needs a name before “@” or “file:”.").max(100, "Each consumer name must be at most 100 characters."),
          host: z.string().max(200).optional(),
          path: z.string().max(1000, "A consumer's file path must be at most 1000 characters.").optional(),
        }),
      )
      .max(50, "At most 50 consumers."),
  );

/** What the form and the CLI send when the user does not know the key's creation date. */
export const CREATED_UNKNOWN = "unknown";
export const CREATED_REQUIRED = "Enter the date you created the key on okx.com, or tick “I don't know”.";

/**
 * A date, or null for "I don't know" (the key's age then counts from the day it was added, marked as unknown).
 * Empty is refused: silently using today would let an old key pass the age rules.
 */
const createdOnField = z.string({ error: CREATED_REQUIRED }).transform((s, ctx) => {
  if (s === CREATED_UNKNOWN) return null;
  if (s === "") {
    ctx.addIssue({ code: "custom", message: CREATED_REQUIRED });
    return z.NEVER;
  }
  const r = dateOnly.safeParse(s);
  if (!r.success) {
    for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  }
  return r.data;
});

export const keyMetadataSchema = z.object({
  label: text("Label", 64),
  region: z.enum(REGIONS, { error: "Choose a region." }),
  host: okxHostSchema.optional().transform((h) => h ?? null),
  demo: z.boolean(),
  purpose: z.enum(PURPOSES, { error: "Choose what the key is for." }),
  usedBy: consumersSchema,
  createdOn: createdOnField,
  notes: z.string().max(500, "Notes must be at most 500 characters.").refine(noControlInText, CONTROL_MSG).default(""),
});

export const keySecretsSchema = z.object({
  apiKey: secretField("API key", 128),
  secretKey: secretField("Secret key", 256),
  passphrase: text("API passphrase", 128),
});

export const newKeySchema = keyMetadataSchema.extend({
  region: z.enum(REGION_CHOICES, { error: "Choose a region, or Detect." }),
  ...keySecretsSchema.shape,
});

export type KeyMetadataInput = z.input<typeof keyMetadataSchema>;
export type KeyMetadata = z.output<typeof keyMetadataSchema>;
export type KeySecrets = z.output<typeof keySecretsSchema>;
export type NewKey = z.output<typeof newKeySchema>;

/** The owner vouching for a use of the key (what the 14-day countdown runs from); "" clears it. */
export const lastUseSchema = z.object({ lastUsedOn: z.union([z.literal("").transform(() => null), dateOnly]) });

/** Created-on dates are compared with "today" where the request runs, so this check lives outside the schema. */
export function futureDateError(createdOn: string | null, now = new Date()): string | null {
  const today = now.toISOString().slice(0, 10);
  return createdOn !== null && createdOn > today ? "The created-on date cannot be in the future." : null;
}

/** Possible but unusual for OKX: shown as warnings, never refused. */
export function secretWarnings(s: Partial<KeySecrets>): Record<string, string> {
  const w: Record<string, string> = {};
  if (s.apiKey && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s.apiKey))
    w.apiKey = "OKX API keys usually look like a UUID (8-4-4-4-12 hex). Double-check you pasted the API key.";
  if (s.secretKey && !/^[0-9A-F]{32}$/i.test(s.secretKey))
    w.secretKey = "OKX secret keys are usually 32 hexadecimal characters. Double-check you pasted the secret key.";
  if (s.passphrase && (s.passphrase.length < 8 || s.passphrase.length > 32))
    w.passphrase = "OKX passphrases are 8–32 characters. Make sure this is the passphrase you chose for this key.";
  return w;
}
