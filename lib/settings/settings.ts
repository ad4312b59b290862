import "server-only";
// Small typed settings kept as JSON in the Setting table. A change made from the app is validated here and written
// in one transaction with its audit event, like key-store's writes.
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordEvent, type Actor } from "@/lib/event-log/record";
import { parseInput } from "@/lib/errors/parse-input";
import { setIdleMs } from "@/lib/vault/keyring";

export const idleMinutesSchema = z.coerce
  .number({ error: "Enter a number of minutes." })
  .int("Use whole minutes.")
  .min(1, "At least 1 minute.")
  .max(24 * 60, "At most 24 hours (1440 minutes).");

export const DEFAULT_IDLE_MINUTES = 15;

export async function readSetting<T>(key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const prisma = await db();
  const row = await prisma.setting.findUnique({ where: { key } });
  if (!row) return fallback;
  // A value that is not JSON (a hand-edited or hostile file) means the default, not a failure on every read.
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    return fallback;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : fallback;
}

/** Stores a setting as it is: callers validate first. Pass the transaction that also records the change's event. */
export async function writeSetting(key: string, value: unknown, tx?: Prisma.TransactionClient): Promise<void> {
  const prisma = tx ?? (await db());
  const json = JSON.stringify(value);
  await prisma.setting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
}

export function loadIdleMinutes(): Promise<number> {
  return readSetting("idleMinutes", idleMinutesSchema, DEFAULT_IDLE_MINUTES);
}

/** Settings → auto-lock: the idle minutes as typed, checked, stored with their event, and applied at once. */
export async function saveIdleMinutes(input: unknown, opts: { actor?: Actor } = {}): Promise<number> {
  const { idleMinutes } = parseInput(z.object({ idleMinutes: idleMinutesSchema }), { idleMinutes: input });
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await writeSetting("idleMinutes", idleMinutes, tx);
    await recordEvent({ action: "settings.idle-timeout", actor: opts.actor, detail: { minutes: idleMinutes } }, tx);
  });
  setIdleMs(idleMinutes * 60_000);
  return idleMinutes;
}
