import "server-only";
// Entity detection's record: the audit event that says what was asked and where the key was found (from → to),
// the key update when Keywarden applies it, and reading the latest one back for the key page.
import { recordEvent, type Actor } from "@/lib/event-log/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { KeyDto } from "@/lib/keys/key-dto";
import { getKey, setKeyEntity } from "@/lib/keys/key-store";
import { PROVES_KEY_CODES, sameTarget, type DetectionResult, type EntityTarget } from "@/lib/okx/entity-detection";
import { isRegion } from "@/lib/domain";
import type { DetectionProbe, EntityDetection } from "./detection-advice";

export const DETECT_ACTION = "key.detect_entity";

/**
 * Did OKX ever answer this key on exactly this entity, environment and host? A key cannot move between entities,
 * so 50119 where it answered before means it is gone, and asking elsewhere would only cost requests.
 */
export async function answeredHereBefore(keyId: string, t: EntityTarget): Promise<boolean> {
  const prisma = await db();
  const hit = await prisma.check.findFirst({
    where: { keyId, region: t.region, demo: t.demo, host: t.host, OR: [{ outcome: "ok" }, { code: { in: [...PROVES_KEY_CODES] } }] },
    select: { id: true },
  });
  return hit !== null;
}

/**
 * Logs a detection and, when the key was found elsewhere, points the key there — unless that would replace a host
 * the user entered (then it is only suggested). Returns the summary the caller shows.
 */
export async function recordDetection(
  key: { id: string; label: string },
  from: EntityTarget,
  trigger: string,
  d: DetectionResult,
  check: { id: number; at: Date },
  actor: Actor,
): Promise<EntityDetection> {
  const to = d.result === "found" ? d.target : null;
  const moved = to !== null && !sameTarget(to, from);
  // Only the user's own host is never replaced silently; the demo flag on that same host may change.
  const suggested = moved && from.host !== null && to.host !== from.host;
  const probes: DetectionProbe[] = d.probes.map((p) => ({ ...p.target, verdict: p.verdict, code: p.code, unreachable: p.unreachable }));
  const detail = { checkId: check.id, trigger, result: d.result, to, suggested, probes };
  let applied = false;
  if (moved && !suggested) {
    applied = (await setKeyEntity(key.id, from, to, { actor, action: DETECT_ACTION, detail: { ...detail, applied: true } })) !== null;
  }
  if (!applied) await recordEvent({ action: DETECT_ACTION, actor, keyId: key.id, keyLabel: key.label, detail: { ...detail, from, applied: false } });
  return { checkId: check.id, at: check.at, trigger, result: d.result, from, to, applied, suggested, probes };
}

/** The newest detection for a key, as the key page shows it; null when none ran or the event is unreadable. */
export async function latestDetection(keyId: string): Promise<EntityDetection | null> {
  const prisma = await db();
  const row = await prisma.auditEvent.findFirst({ where: { keyId, action: DETECT_ACTION }, orderBy: { id: "desc" } });
  if (!row) return null;
  try {
    const v = JSON.parse(row.detail) as Record<string, unknown>;
    const from = target(v.from);
    if (!from || typeof v.checkId !== "number" || !["found", "not_found", "inconclusive"].includes(String(v.result))) return null;
    return {
      checkId: v.checkId,
      at: row.at,
      trigger: String(v.trigger ?? ""),
      result: v.result as EntityDetection["result"],
      from,
      to: target(v.to),
      applied: v.applied === true,
      suggested: v.suggested === true,
      probes: Array.isArray(v.probes) ? v.probes.flatMap((p) => probe(p)) : [],
    };
  } catch {
    return null;
  }
}

function target(v: unknown): EntityTarget | null {
  const t = v as Partial<Record<string, unknown>> | null;
  if (!t || !isRegion(t.region) || typeof t.demo !== "boolean") return null;
  return { region: t.region, demo: t.demo, host: typeof t.host === "string" ? t.host : null };
}

function probe(v: unknown): DetectionProbe[] {
  const t = target(v);
  const p = v as Record<string, unknown>;
  if (!t || !["found", "absent", "inconclusive"].includes(String(p.verdict))) return [];
  return [{ ...t, verdict: p.verdict as DetectionProbe["verdict"], code: String(p.code ?? ""), unreachable: p.unreachable === true }];
}

/**
 * The user accepts the key page's suggestion: point the key at the entity and host where OKX found it (the key's
 * own host is dropped for that entity's preset). Refused when there is no such suggestion for the key as it is now.
 */
export async function applySuggestedEntity(keyId: string, actor: Actor = "web"): Promise<KeyDto> {
  const d = await latestDetection(keyId);
  const key = await getKey(keyId);
  const now: EntityTarget = { region: key.region, demo: key.demo, host: key.host };
  if (!d || !d.suggested || !d.to || !sameTarget(d.from, now)) {
    throw new AppError("There is no detected OKX host to switch this key to. Check it again first.", "no-suggestion");
  }
  const updated = await setKeyEntity(keyId, d.from, d.to, { actor, action: "key.apply_entity", detail: { checkId: d.checkId }, byUser: true });
  if (!updated) throw new AppError("The key's region, host or demo flag changed meanwhile. Check it again first.", "no-suggestion");
  return updated;
}
