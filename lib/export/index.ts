export {
  buildAuditDocument,
  auditDocumentJson,
  AUDIT_DOCUMENT_VERSION,
  type AuditDocument,
  type AuditDocumentKey,
  type AuditDocumentFinding,
} from "./audit-document";
export { auditCsv, AUDIT_CSV_HEADER } from "./audit-csv";
export { auditMarkdown, mdText, unverifiedNote } from "./audit-markdown";
export { csvCell, csvRow, toCsv } from "./csv";
export { exportReport, isExportFormat, EXPORT_FORMATS, type ExportFormat, type ExportedReport } from "./export-report";
