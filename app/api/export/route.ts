// Dashboard download of the audit report: GET /api/export?format=json|csv|md. The body is the same document the
// CLI prints (lib/export).
import { loadVaultReport } from "@/lib/reports/vault-report";
import { exportReport, isExportFormat } from "@/lib/export/export-report";
import { ValidationError } from "@/lib/errors/app-error";
import { NO_STORE, sessionRoute } from "@/lib/session/session-route";

export const dynamic = "force-dynamic";

const UNKNOWN_FORMAT = "Unknown format: use json, csv or md.";

export const GET = sessionRoute(async (request: Request) => {
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (!isExportFormat(format)) throw new ValidationError({ format: [UNKNOWN_FORMAT] }, UNKNOWN_FORMAT);
  const { body, contentType, filename } = exportReport(await loadVaultReport(), format);
  return new Response(body, {
    status: 200,
    headers: { ...NO_STORE, "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"` },
  });
});
