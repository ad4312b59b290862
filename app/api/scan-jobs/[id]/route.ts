import { getScanJob } from "@/lib/scan";
import { NotFoundError } from "@/lib/errors/app-error";
import { NO_STORE, sessionRoute } from "@/lib/session/session-route";

// Progress of a background scan (counts and the file being read; never a found value).
export const GET = sessionRoute(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const job = getScanJob((await params).id);
  if (!job) throw new NotFoundError("This scan");
  const { filesSeen, candidates, found, current, finished, cancelled, error } = job;
  return Response.json({ filesSeen, candidates, found, current, finished, cancelled, error }, { headers: NO_STORE });
});
