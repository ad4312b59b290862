import "server-only";
import { db } from "@/lib/db/client";

export interface AuditEventDto {
  id: number;
  at: string;
  actor: string;
  action: string;
  keyId: string | null;
  keyLabel: string | null;
  detail: Record<string, unknown>;
}

export async function listAuditEvents(opts: { take?: number; before?: number } = {}): Promise<AuditEventDto[]> {
  const prisma = await db();
  const rows = await prisma.auditEvent.findMany({
    where: opts.before ? { id: { lt: opts.before } } : {},
    orderBy: { id: "desc" },
    take: opts.take ?? 100,
  });
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, keyId: r.keyId, keyLabel: r.keyLabel, detail: JSON.parse(r.detail) }));
}
