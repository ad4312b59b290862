// Findings and key audits made by hand for the findings view's unit tests: only the fields the view reads.
import type { Finding, KeyAudit } from "@/lib/audit";

export const finding = (keyId: string, rule: Finding["rule"], severity: Finding["severity"]): Finding => ({
  rule,
  keyId,
  severity,
  title: `${rule} ${keyId}`,
  why: "",
  fix: [],
  evidence: { detail: "" },
});

export const keyAudit = (keyId: string, findings: Finding[], status: KeyAudit["status"] = "active") => ({ keyId, status, findings }) as unknown as KeyAudit;
