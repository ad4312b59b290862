// One entry point for every export format, shared by the CLI (`keywarden export`) and the dashboard download.
import type { VaultReport } from "@/lib/reports/vault-report";
import { auditDocumentJson } from "./audit-document";
import { auditCsv } from "./audit-csv";
import { auditMarkdown } from "./audit-markdown";

export const EXPORT_FORMATS = ["json", "csv", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(v: unknown): v is ExportFormat {
  return typeof v === "string" && (EXPORT_FORMATS as readonly string[]).includes(v);
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

export interface ExportedReport {
  body: string;
  contentType: string;
  filename: string;
}

export function exportReport(report: VaultReport, format: ExportFormat): ExportedReport {
  const body = format === "json" ? auditDocumentJson(report) : format === "csv" ? auditCsv(report) : auditMarkdown(report);
  const date = report.generatedAt.toISOString().slice(0, 10);
  return { body, contentType: CONTENT_TYPES[format], filename: `keywarden-audit-${date}.${format}` };
}
