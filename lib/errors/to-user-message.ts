// The one place where an exception becomes words for a person.
import { AppError, type FieldErrors } from "./app-error";
import { OkxError } from "@/lib/okx/errors";
import { storageProblem } from "./storage-error";

export interface UserFacingError {
  message: string;
  code: string;
  fieldErrors?: FieldErrors;
}

export function toUserError(err: unknown): UserFacingError {
  if (err instanceof AppError) {
    return { message: err.userMessage, code: err.code, fieldErrors: err.fieldErrors };
  }
  if (err instanceof OkxError) {
    // OKX's own code and plain advice; the message never includes request headers or secrets.
    return { message: `OKX ${err.code ? `error ${err.code}` : "request failed"}: ${err.advice}`, code: `okx-${err.code || err.kind}` };
  }
  const storage = storageProblem(err);
  if (storage) {
    console.error(`[keywarden] storage error: ${storage.code}`);
    return storage;
  }
  // Anything unexpected is logged by name only: messages of library errors can embed input values.
  const name = err instanceof Error ? err.name : typeof err;
  console.error(`[keywarden] unexpected error: ${name}`);
  return { message: "Something went wrong on the server. Nothing was changed; please try again.", code: "internal" };
}
