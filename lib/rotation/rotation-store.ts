import "server-only";
// Persistence of the state machine. Every move is one transaction: the Rotation row (compare-and-swap on its
// state and data, so a double submit or a second tab cannot apply a step twice), any key changes that belong to
// the step, and the "rotation.<step>" audit event. Nothing in here ever holds a secret.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { recordEvent, type Actor, type AuditAction } from "@/lib/event-log/record";
import { AppError, NotFoundError } from "@/lib/errors/app-error";
import { splitList } from "@/lib/okx/types";
import { parsePerm, type Perm } from "@/lib/domain";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseRotationData, type RotationData } from "./rotation-data";
import { isRotationMode, isRotationState, isTerminal, transitionRefusal, type RotationMode, type RotationState } from "./states";

export class RotationError extends AppError {
  constructor(message: string, code = "rotation") {
    super(message, code);
    this.name = "RotationError";
  }
}

export interface LoadedRotation {
  id: string;
  mode: RotationMode;
  state: RotationState;
  oldKeyId: string;
  oldKeyLabel: string;
  newKeyId: string | null;
  data: RotationData;
  /** The data JSON exactly as read: the optimistic lock. */
  dataJson: string;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

export async function loadRotation(id: string): Promise<LoadedRotation> {
  const prisma = await db();
  const row = await prisma.rotation.findUnique({ where: { id }, include: { oldKey: { select: { label: true } } } });
  if (!row) throw new NotFoundError("This rotation");
  if (!isRotationState(row.state) || !isRotationMode(row.mode)) {
    throw new RotationError("This rotation was written by another version of Keywarden and cannot be continued here.", "rotation-unknown-state");
  }
  return {
    id: row.id,
    mode: row.mode,
    state: row.state,
    oldKeyId: row.oldKeyId,
    oldKeyLabel: row.oldKey.label,
    newKeyId: row.newKeyId,
    data: parseRotationData(row.data),
    dataJson: row.data,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    endedAt: row.endedAt,
  };
}

export async function openRotationIdFor(oldKeyId: string): Promise<string | null> {
  const prisma = await db();
  const row = await prisma.rotation.findFirst({ where: { oldKeyId, endedAt: null }, select: { id: true }, orderBy: { createdAt: "desc" } });
  return row?.id ?? null;
}

export interface NewRotation {
  oldKeyId: string;
  oldKeyLabel: string;
  mode: RotationMode;
  data: RotationData;
  actor?: Actor;
  detail?: Record<string, unknown>;
}

/** Creates the row; refuses a second open rotation of the same key (checked inside the write transaction). */
export async function insertRotation(r: NewRotation): Promise<string> {
  const prisma = await db();
  const id = randomUUID();
  const now = new Date().toISOString();
  const data: RotationData = { ...r.data, rev: 1, steps: { ...r.data.steps, plan: now } };
  await prisma.$transaction(async (tx) => {
    const open = await tx.rotation.findFirst({ where: { oldKeyId: r.oldKeyId, endedAt: null }, select: { id: true } });
    if (open) throw new RotationError(`“${r.oldKeyLabel}” already has a rotation in progress. Continue that one, or abandon it first.`, "rotation-open");
    await tx.rotation.create({ data: { id, mode: r.mode, state: "planned", oldKeyId: r.oldKeyId, data: JSON.stringify(data) } });
    await recordEvent(
      {
        action: "rotation.start",
        actor: r.actor,
        keyId: r.oldKeyId,
        keyLabel: r.oldKeyLabel,
        detail: { rotationId: id, mode: r.mode, state: "planned", ...r.detail },
      },
      tx,
    );
  });
  return id;
}

/** What follows "rotation." in the audit event names: a step's event is one of those, so a typo fails tsc. */
export type RotationStepEvent = RotationSuffix<AuditAction>;
type RotationSuffix<A> = A extends `rotation.${infer S}` ? S : never;
/** A step whose failure has its own event ("rotation.create-failed"). */
export type FailingRotationStep = FailedStep<RotationStepEvent>;
type FailedStep<A> = A extends `${infer S}-failed` ? S : never;

export interface CommitChange {
  to: RotationState;
  /** The step name: the audit action becomes "rotation.<step>" and data.steps[step] the time. */
  step: RotationStepEvent;
  data?: (d: RotationData) => RotationData;
  newKeyId?: string | null;
  /** Only for the automated → guided fallback. */
  mode?: RotationMode;
  detail?: Record<string, unknown>;
  /** More audit events in the same transaction (e.g. "rotation.override"). */
  extraEvents?: { step: RotationStepEvent; detail?: Record<string, unknown> }[];
  /** Key changes that belong to this step (retire, destroy secrets, abandon marks). */
  extra?: (tx: Prisma.TransactionClient) => Promise<void>;
  actor?: Actor;
}

export async function commit(rot: LoadedRotation, change: CommitChange): Promise<LoadedRotation> {
  const fallback = change.mode === "guided" && rot.mode === "automated";
  const refusal = fallback
    ? rot.state === "planned" || rot.state === "creating"
      ? null
      : "The automated rotation can only fall back to guided before the new key exists."
    : transitionRefusal(rot.mode, rot.state, change.to);
  if (refusal) throw new RotationError(refusal, "rotation-illegal");
  const now = new Date();
  const base = change.data ? change.data(rot.data) : rot.data;
  const next: RotationData = { ...base, rev: rot.data.rev + 1, steps: { ...base.steps, [change.step]: now.toISOString() } };
  const json = JSON.stringify(next);
  const mode = change.mode ?? rot.mode;
  const newKeyId = change.newKeyId === undefined ? rot.newKeyId : change.newKeyId;
  const ended = isTerminal(change.to);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const res = await tx.rotation.updateMany({
      where: { id: rot.id, state: rot.state, data: rot.dataJson },
      data: { state: change.to, mode, data: json, newKeyId, updatedAt: now, ...(ended ? { endedAt: now } : {}) },
    });
    if (res.count !== 1) {
      throw new RotationError("This rotation was changed in another tab or window meanwhile. Reload the page to see where it stands.", "rotation-conflict");
    }
    await change.extra?.(tx);
    const common = { rotationId: rot.id, mode, from: rot.state, to: change.to };
    await recordEvent(
      { action: `rotation.${change.step}`, actor: change.actor, keyId: rot.oldKeyId, keyLabel: rot.oldKeyLabel, detail: { ...common, ...change.detail } },
      tx,
    );
    for (const e of change.extraEvents ?? []) {
      await recordEvent(
        { action: `rotation.${e.step}`, actor: change.actor, keyId: rot.oldKeyId, keyLabel: rot.oldKeyLabel, detail: { ...common, ...e.detail } },
        tx,
      );
    }
  });
  return { ...rot, state: change.to, mode, newKeyId, data: next, dataJson: json, updatedAt: now, endedAt: ended ? now : rot.endedAt };
}

export interface KnownKeyFacts {
  uid: string | null;
  perm: Perm[] | null;
  ip: string[] | null;
  /** OKX-side label from the last successful check. */
  okxLabel: string | null;
}

/** What Keywarden last learned from OKX about a key: perm/ip from the newest "ok" check, uid from any check. */
export async function knownKeyFacts(keyId: string): Promise<KnownKeyFacts> {
  const prisma = await db();
  const [lastOk, lastUid] = await Promise.all([
    prisma.check.findFirst({ where: { keyId, outcome: "ok" }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { perm: true, ip: true, label: true } }),
    prisma.check.findFirst({ where: { keyId, uid: { not: null } }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { uid: true } }),
  ]);
  return {
    uid: lastUid?.uid ?? null,
    perm: lastOk?.perm != null ? parsePerm(lastOk.perm) : null,
    ip: lastOk?.ip != null ? splitList(lastOk.ip) : null,
    okxLabel: lastOk?.label ?? null,
  };
}

/** A Keywarden label no other key has: "<label> (rotated 2026-11)", then "#2", "#3"… */
export async function freeLabel(make: (n: number) => string): Promise<string> {
  const prisma = await db();
  for (let n = 1; n < 100; n++) {
    const label = make(n);
    if (!(await prisma.apiKey.findUnique({ where: { label }, select: { id: true } }))) return label;
  }
  throw new RotationError("Could not find a free label for the new key. Rename some keys and try again.");
}
