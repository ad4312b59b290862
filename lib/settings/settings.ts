import "server-only";
// Small typed settings kept as JSON in the Setting table.
import { z } from "zod";
import { db } from "@/lib/db/client";

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

export async function writeSetting(key: string, value: unknown): Promise<void> {
  const prisma = await db();
  const json = JSON.stringify(value);
  await prisma.setting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
}

export function loadIdleMinutes(): Promise<number> {
  return readSetting("idleMinutes", idleMinutesSchema, DEFAULT_IDLE_MINUTES);
}
