import "server-only";
// Append-only audit log. Callers pass facts, never secrets; `detail` is checked for secret-looking keys anyway.
import { db } from "@/lib/db/client";
import type { AuditAction } from "./event-wording";

export type { AuditAction };

export type Actor = "web" | "cli" | "system";

export interface AuditEventInput {
  action: AuditAction;
  keyId?: string;
  keyLabel?: string;
  detail?: Record<string, unknown>;
  actor?: Actor;
}

const FORBIDDEN = /secret|passphrase|password|apikey$/i;

/** The AuditEvent row for an event; throws if `detail` has a secret-looking field. For callers that write many at once. */
export function auditEventData(e: AuditEventInput) {
  const detail = e.detail ?? {};
  for (const k of Object.keys(detail)) {
    if (FORBIDDEN.test(k)) throw new Error(`audit detail field "${k}" looks like a secret`);
  }
  return {
    action: e.action,
    actor: e.actor ?? "web",
    keyId: e.keyId ?? null,
    keyLabel: e.keyLabel ?? null,
    detail: JSON.stringify(detail),
  };
}

export async function recordEvent(
  e: AuditEventInput,
  client?: { auditEvent: { create: (a: { data: ReturnType<typeof auditEventData> }) => Promise<unknown> } },
): Promise<void> {
  const data = auditEventData(e);
  const target = client ?? (await db());
  await target.auditEvent.create({ data });
}
