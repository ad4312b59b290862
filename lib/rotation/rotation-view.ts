import "server-only";
// What the wizard page gets: the rotation as plain data (never a secret, never a Prisma row).
import { db } from "@/lib/db/client";
import { getKey } from "@/lib/keys/key-store";
import { NotFoundError } from "@/lib/errors/app-error";
import type { KeyDto } from "@/lib/keys/key-dto";
import { buildPlan, type RotationPlan } from "./plan";
import { planInputFor } from "./plan-input";
import { reconcilePendingKey } from "./pending-key";
import { overrideReasons } from "./verify-rules";
import { loadRotation, openRotationIdFor } from "./rotation-store";
import type { ConsumerItem, Refusal } from "./rotation-data";
import { revealPhase, type RevealPhase } from "./reveal-rules";
import { currentStep, describeState, STEP_IDS, stepTitle, type RotationMode, type RotationState, type StepId } from "./states";

export interface RotationKeyRef {
  id: string;
  label: string;
  fingerprint: string;
  status: KeyDto["status"];
  hasSecrets: boolean;
}

export interface RotationStepDto {
  id: StepId;
  title: string;
  status: "done" | "current" | "upcoming";
  at: string | null;
}

export interface RotationDto {
  id: string;
  mode: RotationMode;
  state: RotationState;
  stateText: string;
  current: StepId | null;
  steps: RotationStepDto[];
  oldKey: RotationKeyRef;
  newKey: RotationKeyRef | null;
  plan: RotationPlan;
  consumers: ConsumerItem[];
  verification: { at: string; ok: boolean; refusals: Refusal[]; overridden: boolean; source: string | null } | null;
  canOverride: boolean;
  /** What overriding accepts, e.g. "more permission than the old key" (for the button; empty when canOverride is false). */
  overrideReasons: string[];
  lastError: { at: string; step: string; message: string } | null;
  revokeCheck: { at: string; code: string; message: string } | null;
  /** Automated: the generated secret has not been shown yet (it can be, once). */
  revealPending: boolean;
  /**
   * Automated: where the one-time reveal stands for the current new key (see reveal-rules.ts); null when there is
   * nothing to reveal. shownAt: when it was shown (the phase "shown" means shown and not yet confirmed as copied).
   */
  reveal: { phase: RevealPhase; keyId: string; shownAt: string | null; confirmedAt: string | null } | null;
  /** Automated: keys whose secrets were lost before being copied, deleted on OKX and replaced. */
  discardedKeys: { at: string; fingerprint: string }[];
  fallbackReason: string | null;
  abandon: { at: string; newKey: "kept" | "deleted" | "none" } | null;
  createdAt: string;
  endedAt: string | null;
}

function ref(k: KeyDto): RotationKeyRef {
  return { id: k.id, label: k.label, fingerprint: k.fingerprint, status: k.status, hasSecrets: k.hasSecrets };
}

const STEP_KEYS: Record<StepId, string[]> = {
  plan: ["plan"],
  "new-key": ["new-key", "new-key-recovered"],
  verify: ["verify"],
  switch: ["consumers-done"],
  revoke: ["done"],
  done: ["done"],
};

export async function getRotation(rotationId: string): Promise<RotationDto> {
  const rot = await reconcilePendingKey(await loadRotation(rotationId));
  const [oldKey, newKey] = await Promise.all([getKey(rot.oldKeyId), rot.newKeyId ? getKey(rot.newKeyId).catch(() => null) : null]);
  const input = await planInputFor(oldKey, rot.createdAt);
  const plan = buildPlan(input, rot.mode, rot.data.plan, rot.data.fallbackReason ?? null);
  const current = currentStep(rot.state);
  const order = STEP_IDS.indexOf(current ?? "plan");
  const steps = STEP_IDS.map((id, i): RotationStepDto => {
    const at = STEP_KEYS[id].map((k) => rot.data.steps[k]).find(Boolean) ?? null;
    const status = rot.state === "done" ? "done" : current === null ? (at ? "done" : "upcoming") : i < order ? "done" : i === order ? "current" : "upcoming";
    return { id, title: stepTitle(id, rot.mode), status, at };
  });
  const v = rot.data.verification;
  const phase = revealPhase(rot);
  return {
    id: rot.id,
    mode: rot.mode,
    state: rot.state,
    stateText: describeState(rot.state),
    current,
    steps,
    oldKey: ref(oldKey),
    newKey: newKey ? ref(newKey) : null,
    plan,
    consumers: rot.data.consumers,
    verification: v ? { at: v.at, ok: v.ok, refusals: v.refusals, overridden: v.overridden, source: v.source ?? null } : null,
    canOverride: !!v && !v.ok && v.refusals.length > 0 && v.refusals.every((r) => r.overridable),
    overrideReasons: v && !v.ok && v.refusals.every((r) => r.overridable) ? overrideReasons(v.refusals) : [],
    lastError: rot.data.lastError ?? null,
    revokeCheck: rot.data.revokeCheck ? { at: rot.data.revokeCheck.at, code: rot.data.revokeCheck.code, message: rot.data.revokeCheck.message } : null,
    revealPending: phase === "pending",
    reveal:
      phase && rot.newKeyId
        ? {
            phase,
            keyId: rot.newKeyId,
            shownAt: rot.data.revealed ? (rot.data.steps["secret-revealed"] ?? null) : null,
            confirmedAt: phase === "confirmed" ? rot.data.revealConfirmed!.at : null,
          }
        : null,
    discardedKeys: (rot.data.discarded ?? []).map((d) => ({ at: d.at, fingerprint: d.fingerprint })),
    fallbackReason: rot.data.fallbackReason ?? null,
    abandon: rot.data.abandon ?? null,
    createdAt: rot.createdAt.toISOString(),
    endedAt: rot.endedAt?.toISOString() ?? null,
  };
}

/** The open rotation of a key, if any. */
export async function openRotationFor(keyId: string): Promise<RotationDto | null> {
  const id = await openRotationIdFor(keyId);
  return id ? getRotation(id) : null;
}

export interface RotationSummary {
  id: string;
  mode: RotationMode;
  state: RotationState;
  stateText: string;
  oldKeyId: string;
  oldKeyLabel: string;
  newKeyId: string | null;
  newKeyLabel: string | null;
  createdAt: string;
  endedAt: string | null;
}

/** Rotations, newest first; of one key (as old or new key) when keyId is given. */
export async function listRotations(opts: { keyId?: string; limit?: number } = {}): Promise<RotationSummary[]> {
  const prisma = await db();
  const rows = await prisma.rotation.findMany({
    where: opts.keyId ? { OR: [{ oldKeyId: opts.keyId }, { newKeyId: opts.keyId }] } : {},
    orderBy: { createdAt: "desc" },
    take: opts.limit ?? 100,
    select: {
      id: true,
      mode: true,
      state: true,
      oldKeyId: true,
      newKeyId: true,
      createdAt: true,
      endedAt: true,
      oldKey: { select: { label: true } },
      newKey: { select: { label: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    mode: r.mode as RotationMode,
    state: r.state as RotationState,
    stateText: describeState(r.state as RotationState),
    oldKeyId: r.oldKeyId,
    oldKeyLabel: r.oldKey.label,
    newKeyId: r.newKeyId,
    newKeyLabel: r.newKey?.label ?? null,
    createdAt: r.createdAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  }));
}

export async function rotationBelongsTo(rotationId: string, keyId: string): Promise<void> {
  const rot = await loadRotation(rotationId);
  if (rot.oldKeyId !== keyId) throw new NotFoundError("This rotation");
}
