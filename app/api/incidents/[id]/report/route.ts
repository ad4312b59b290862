// Download of an incident's Markdown report: GET /api/incidents/ID/report. Authorized here as well as in proxy.ts; the
// body is the same report `keywarden incident --report` prints (lib/incident). Keys appear only as fingerprints.
import { requireSession } from "@/lib/session/session";
import { getIncident, incidentReportFilename, incidentReportMarkdown } from "@/lib/incident";
import { toUserError } from "@/lib/errors/to-user-message";
import { NotFoundError, VaultLockedError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" } });
}

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    await requireSession();
  } catch (err) {
    if (err instanceof VaultLockedError) return plain(401, err.userMessage);
    return plain(500, toUserError(err).message);
  }
  try {
    const inc = await getIncident((await params).id);
    return new Response(incidentReportMarkdown(inc), {
      status: 200,
      headers: { ...NO_STORE, "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${incidentReportFilename(inc)}"` },
    });
  } catch (err) {
    if (err instanceof NotFoundError) return plain(404, err.userMessage);
    return plain(500, toUserError(err).message);
  }
}
