// What leaves lib/incident: the incident with each key's progress and instructions, in words. Pure.
import type { IncidentItem, IncidentState } from "./incident-data";
import { apiSteps, okxSteps, permText } from "./incident-plan";

export interface IncidentItemDto extends IncidentItem {
  permWords: string;
  statusText: string;
  /** What happens to this key, or what the user does for it. */
  steps: string[];
}

export interface IncidentDto {
  id: string;
  consumerId: string;
  consumerName: string;
  consumerHost: string | null;
  state: IncidentState;
  stateText: string;
  createdAt: string;
  confirmedAt: string | null;
  endedAt: string | null;
  items: IncidentItemDto[];
  gone: number;
  left: number;
}

const STATE_TEXT: Record<IncidentState, string> = {
  planned: "planned: nothing revoked yet",
  revoking: "revoking keys",
  done: "finished: every key is verified gone",
  cancelled: "cancelled before anything was revoked",
};

export function itemStatusText(i: IncidentItem): string {
  switch (i.status) {
    case "pending":
      return i.via === "api" ? "to be deleted through the master key" : "waiting for you to delete it on okx.com";
    case "deleting":
      return "deleting through the master key";
    case "deleted":
      return "deleted through the master key; waiting for OKX to confirm it is gone";
    case "gone":
      return "verified gone; secrets destroyed";
  }
}

export interface IncidentSource {
  id: string;
  consumerId: string;
  consumerName: string;
  consumerHost: string | null;
  state: IncidentState;
  data: { items: IncidentItem[] };
  createdAt: Date;
  confirmedAt: Date | null;
  endedAt: Date | null;
}

export function toIncidentDto(inc: IncidentSource): IncidentDto {
  const items = inc.data.items.map((i) => ({
    ...i,
    permWords: permText(i.perm),
    statusText: itemStatusText(i),
    steps: i.status === "gone" ? [] : i.via === "api" ? apiSteps(i) : okxSteps(i),
  }));
  const gone = items.filter((i) => i.status === "gone").length;
  return {
    id: inc.id,
    consumerId: inc.consumerId,
    consumerName: inc.consumerName,
    consumerHost: inc.consumerHost,
    state: inc.state,
    stateText: STATE_TEXT[inc.state],
    createdAt: inc.createdAt.toISOString(),
    confirmedAt: inc.confirmedAt?.toISOString() ?? null,
    endedAt: inc.endedAt?.toISOString() ?? null,
    items,
    gone,
    left: items.length - gone,
  };
}
