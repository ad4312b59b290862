import "server-only";
// What /consumers and /consumers/[id] show: consumers across keys (consumer-directory.ts) and one consumer's incidents.
import { getConsumer, listConsumers, type ConsumerDto } from "@/lib/consumers/consumer-directory";
import { listIncidentsFor, type IncidentDto } from "@/lib/incident";

export function loadConsumers(): Promise<ConsumerDto[]> {
  return listConsumers();
}

export interface ConsumerPageData {
  /** null when no stored key names it any more; its incidents may still be shown. */
  consumer: ConsumerDto | null;
  incidents: IncidentDto[];
}

export async function loadConsumerPage(id: string): Promise<ConsumerPageData> {
  const [consumer, incidents] = await Promise.all([getConsumer(id), listIncidentsFor(id)]);
  return { consumer, incidents };
}
