import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { EVENT_GROUPS, eventsInGroup, type EventGroup } from "./event-wording";

export interface AuditEventDto {
  id: number;
  at: string;
  actor: string;
  action: string;
  keyId: string | null;
  keyLabel: string | null;
  detail: Record<string, unknown>;
}

export const AUDIT_LOG_PAGE_SIZE = 50;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** The log's view from the URL (?key=&action=&page=); unusable values fall back to "all", never an error page. */
export const auditLogQuerySchema = z.object({
  key: z.preprocess(
    first,
    z
      .string()
      .trim()
      .max(64)
      .regex(/^[\w-]+$/)
      .optional()
      .catch(undefined),
  ),
  // A group ("rotation") or one event name ("key.check").
  action: z.preprocess(
    first,
    z
      .string()
      .trim()
      .max(64)
      .regex(/^[\w.-]+$/)
      .optional()
      .catch(undefined),
  ),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1)),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export function parseAuditLogQuery(sp: Record<string, string | string[] | undefined>): AuditLogQuery {
  return auditLogQuerySchema.parse(sp);
}

function where(q: Pick<AuditLogQuery, "key" | "action">) {
  const action = !q.action ? undefined : (EVENT_GROUPS as readonly string[]).includes(q.action) ? { in: eventsInGroup(q.action as EventGroup) } : q.action;
  return { ...(q.key ? { keyId: q.key } : {}), ...(action ? { action } : {}) };
}

export interface AuditLogPage {
  events: AuditEventDto[];
  total: number;
  page: number;
  pages: number;
}

/** One page of the log, newest first. */
export async function listAuditEvents(q: Partial<AuditLogQuery> = {}): Promise<AuditLogPage> {
  const prisma = await db();
  const w = where(q);
  const total = await prisma.auditEvent.count({ where: w });
  const pages = Math.max(1, Math.ceil(total / AUDIT_LOG_PAGE_SIZE));
  const page = Math.min(q.page ?? 1, pages);
  const rows = await prisma.auditEvent.findMany({ where: w, orderBy: { id: "desc" }, skip: (page - 1) * AUDIT_LOG_PAGE_SIZE, take: AUDIT_LOG_PAGE_SIZE });
  const events = rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    keyId: r.keyId,
    keyLabel: r.keyLabel,
    detail: parseDetail(r.detail),
  }));
  return { events, total, page, pages };
}

function parseDetail(s: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What the filters offer: the keys and event names that occur in the log (deleted keys by their last label). */
export async function auditLogFacets(): Promise<{ keys: { id: string; label: string }[]; actions: string[] }> {
  const prisma = await db();
  const [keyRows, actionRows] = await Promise.all([
    prisma.auditEvent.groupBy({ by: ["keyId"], where: { keyId: { not: null } }, _max: { id: true } }),
    prisma.auditEvent.groupBy({ by: ["action"] }),
  ]);
  const latest = await prisma.auditEvent.findMany({
    where: { id: { in: keyRows.map((k) => k._max.id!).filter(Boolean) } },
    select: { keyId: true, keyLabel: true },
  });
  const keys = latest.map((r) => ({ id: r.keyId!, label: r.keyLabel ?? r.keyId! })).sort((a, b) => a.label.localeCompare(b.label));
  return { keys, actions: actionRows.map((a) => a.action).sort() };
}
