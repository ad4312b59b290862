// One line on stderr for an error: the message lib/errors made for the user, field messages appended.
import { toUserError } from "@/lib/errors/to-user-message";
import { printable } from "@/lib/export/printable";

export function errorLine(err: unknown): string {
  const e = toUserError(err);
  const fields = Object.entries(e.fieldErrors ?? {}).map(([f, msgs]) => `${f}: ${msgs.join(" ")}`);
  // Messages can quote a stored label; control characters in it must not reach the terminal raw.
  return `keywarden: ${printable([e.message, ...fields].join(" ").replace(/\s*\n\s*/g, " "))}`;
}
