// Download of an incident's Markdown report: GET /api/incidents/ID/report. The body is the same report
// `keywarden incident --report` prints (lib/incident). Keys appear only as fingerprints.
import { getIncident, incidentReportFilename, incidentReportMarkdown } from "@/lib/incident";
import { NO_STORE, sessionRoute } from "@/lib/session/session-route";

export const dynamic = "force-dynamic";

export const GET = sessionRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const inc = await getIncident((await params).id);
  return new Response(incidentReportMarkdown(inc), {
    status: 200,
    headers: { ...NO_STORE, "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${incidentReportFilename(inc)}"` },
  });
});
