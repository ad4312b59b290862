// The one way input is checked against a zod schema: the parsed value, or a ValidationError that carries one
// message list per field, which forms show next to the field (a schema-wide issue lands under "form").
import type { z } from "zod";
import { ValidationError, type FieldErrors } from "./app-error";

export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of r.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  throw new ValidationError(fieldErrors);
}
