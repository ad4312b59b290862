// Dashboard download of the audit report: GET /api/export?format=json|csv|md. Authorized here as well as in
// proxy.ts; the body is the same document the CLI prints (lib/export).
import { requireSession } from "@/lib/session/session";
import { loadVaultReport } from "@/lib/reports/vault-report";
import { exportReport, isExportFormat } from "@/lib/export/export-report";
import { toUserError } from "@/lib/errors/to-user-message";
import { VaultLockedError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" } });
}

export async function GET(request: Request): Promise<Response> {
  try {
    await requireSession();
  } catch (err) {
    if (err instanceof VaultLockedError) return plain(401, err.userMessage);
    return plain(500, toUserError(err).message);
  }
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (!isExportFormat(format)) return plain(400, "Unknown format: use json, csv or md.");
  try {
    const { body, contentType, filename } = exportReport(await loadVaultReport(), format);
    return new Response(body, {
      status: 200,
      headers: { ...NO_STORE, "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"` },
    });
  } catch (err) {
    return plain(500, toUserError(err).message);
  }
}
