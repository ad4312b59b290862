import "server-only";
// The one way a route handler (app/api) starts and fails. Authorization happens here as well as in proxy.ts; every
// refusal and error is JSON { error } with the user message (toUserError) and never cached: the clients that read
// these answers (the progress pollers, the restore form) read JSON, and a download link that fails shows the words.
import { toUserError } from "@/lib/errors/to-user-message";
import { requireSession } from "./session";

// 507 Insufficient Storage: a full disk (the backup download writes its file to the temp folder first).
const STATUS: Record<string, number> = { locked: 401, "not-found": 404, invalid: 400, "disk-full": 507 };

export const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

/** A JSON refusal or error answer, with the headers every answer of a session route carries. */
export function errorResponse(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: NO_STORE });
}

/**
 * Wraps a route handler: without a valid session it answers 401 and the handler never runs; an error thrown by the
 * handler becomes 404 (NotFoundError), 400 (ValidationError), 507 (disk full) or 500, with the user's words only.
 */
export function sessionRoute<C>(handler: (request: Request, context: C) => Promise<Response>): (request: Request, context?: C) => Promise<Response> {
  // Next always passes the context; it is optional here so a handler that reads none can be called with the request.
  return async (request, context) => {
    try {
      await requireSession();
      return await handler(request, context as C);
    } catch (err) {
      const e = toUserError(err);
      return errorResponse(STATUS[e.code] ?? 500, e.message);
    }
  };
}
