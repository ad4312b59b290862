import { getJob } from "@/lib/checks";
import { NotFoundError } from "@/lib/errors/app-error";
import { NO_STORE, sessionRoute } from "@/lib/session/session-route";

// Progress of a background check.
export const GET = sessionRoute(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const job = getJob((await params).id);
  if (!job) throw new NotFoundError("This check run");
  const { done, total, ok, failed, ipBound, notOk, current, finished, error } = job;
  return Response.json({ done, total, ok, failed, ipBound, notOk, current, finished, error }, { headers: NO_STORE });
});
