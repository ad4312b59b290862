import "server-only";
// Persistence of an incident, built like lib/rotation/rotation-store.ts: every move is one transaction that
// compare-and-swaps the row on its state and its data JSON (a second tab, a retried request or another process
// cannot apply a step twice), together with the key changes that belong to the step and its audit events.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { recordEvent, type Actor, type AuditAction } from "@/lib/event-log/record";
import { AppError, NotFoundError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isIncidentState, parseIncidentData, type IncidentData, type IncidentItem, type IncidentState } from "./incident-data";

export class IncidentError extends AppError {
  constructor(message: string, code = "incident") {
    super(message, code);
    this.name = "IncidentError";
  }
}

export interface LoadedIncident {
  id: string;
  consumerId: string;
  consumerName: string;
  consumerHost: string | null;
  state: IncidentState;
  data: IncidentData;
  dataJson: string;
  createdAt: Date;
  updatedAt: Date;
  confirmedAt: Date | null;
  endedAt: Date | null;
}

type Row = Awaited<ReturnType<Awaited<ReturnType<typeof db>>["incident"]["findUnique"]>>;

function toLoaded(row: NonNullable<Row>): LoadedIncident {
  if (!isIncidentState(row.state))
    throw new IncidentError("This incident was written by another version of Keywarden and cannot be continued here.", "incident-unknown-state");
  return {
    id: row.id,
    consumerId: row.consumerId,
    consumerName: row.consumerName,
    consumerHost: row.consumerHost,
    state: row.state,
    data: parseIncidentData(row.data),
    dataJson: row.data,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    confirmedAt: row.confirmedAt,
    endedAt: row.endedAt,
  };
}

export async function loadIncident(id: string): Promise<LoadedIncident> {
  const prisma = await db();
  const row = await prisma.incident.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("This incident");
  return toLoaded(row);
}

export async function incidentsFor(consumerId: string): Promise<LoadedIncident[]> {
  const prisma = await db();
  return (await prisma.incident.findMany({ where: { consumerId }, orderBy: { createdAt: "desc" }, take: 20 })).map(toLoaded);
}

export async function openIncidentRows(): Promise<LoadedIncident[]> {
  const prisma = await db();
  return (await prisma.incident.findMany({ where: { endedAt: null }, orderBy: { createdAt: "desc" } })).map(toLoaded);
}

export interface NewIncident {
  consumerId: string;
  consumerName: string;
  consumerHost: string | null;
  items: IncidentItem[];
  actor?: Actor;
}

/** Creates the row; a consumer has at most one open incident (checked inside the write transaction). */
export async function insertIncident(n: NewIncident): Promise<string> {
  const prisma = await db();
  const id = randomUUID();
  const data: IncidentData = { rev: 1, items: n.items };
  await prisma.$transaction(async (tx) => {
    const open = await tx.incident.findFirst({ where: { consumerId: n.consumerId, endedAt: null }, select: { id: true } });
    if (open) throw new IncidentError(`“${n.consumerName}” already has an open incident. Continue that one.`, "incident-open");
    await tx.incident.create({
      data: {
        id,
        consumerId: n.consumerId,
        consumerName: n.consumerName,
        consumerHost: n.consumerHost,
        state: "planned",
        data: JSON.stringify(data),
        actor: n.actor ?? "web",
      },
    });
    await recordEvent(
      {
        action: "incident.open",
        actor: n.actor,
        detail: { incidentId: id, consumer: n.consumerName, host: n.consumerHost, keys: n.items.length, labels: n.items.map((i) => i.label) },
      },
      tx,
    );
  });
  return id;
}

export interface IncidentEvent {
  action: AuditAction;
  keyId?: string;
  keyLabel?: string;
  detail?: Record<string, unknown>;
}

export interface IncidentChange {
  to: IncidentState;
  data?: (d: IncidentData) => IncidentData;
  events: IncidentEvent[];
  extra?: (tx: Prisma.TransactionClient) => Promise<void>;
  actor?: Actor;
}

const LEGAL: Record<IncidentState, readonly IncidentState[]> = {
  planned: ["planned", "revoking", "cancelled"],
  revoking: ["revoking", "done"],
  done: [],
  cancelled: [],
};

export async function commitIncident(inc: LoadedIncident, change: IncidentChange): Promise<LoadedIncident> {
  if (!LEGAL[inc.state].includes(change.to)) {
    throw new IncidentError(
      inc.state === "done" || inc.state === "cancelled"
        ? `This incident is already ${inc.state === "done" ? "finished" : "cancelled"}.`
        : "This step is not possible now. Reload the page to see where the incident stands.",
      "incident-illegal",
    );
  }
  const now = new Date();
  const base = change.data ? change.data(inc.data) : inc.data;
  const next: IncidentData = { ...base, rev: inc.data.rev + 1 };
  const json = JSON.stringify(next);
  const ended = change.to === "done" || change.to === "cancelled";
  const confirming = inc.state === "planned" && change.to === "revoking";
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const res = await tx.incident.updateMany({
      where: { id: inc.id, state: inc.state, data: inc.dataJson },
      data: { state: change.to, data: json, updatedAt: now, ...(ended ? { endedAt: now } : {}), ...(confirming ? { confirmedAt: now } : {}) },
    });
    if (res.count !== 1)
      throw new IncidentError("This incident was changed in another tab or window meanwhile. Reload the page to see where it stands.", "incident-conflict");
    await change.extra?.(tx);
    for (const e of change.events) {
      await recordEvent(
        {
          action: e.action,
          actor: change.actor,
          keyId: e.keyId,
          keyLabel: e.keyLabel,
          detail: { incidentId: inc.id, consumer: inc.consumerName, ...e.detail },
        },
        tx,
      );
    }
  });
  return {
    ...inc,
    state: change.to,
    data: next,
    dataJson: json,
    updatedAt: now,
    endedAt: ended ? now : inc.endedAt,
    confirmedAt: confirming ? now : inc.confirmedAt,
  };
}

/** The item for `keyId` replaced by `fn(item)`. */
export function updateItem(keyId: string, fn: (i: IncidentItem) => IncidentItem): (d: IncidentData) => IncidentData {
  return (d) => ({ ...d, items: d.items.map((i) => (i.keyId === keyId ? fn(i) : i)) });
}
