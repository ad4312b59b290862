import "server-only";
// Incident response ("This app was compromised"): the pages, actions, route handler and CLI come through here.
import { incidentsFor, loadIncident, openIncidentRows } from "./incident-store";
import { toIncidentDto, type IncidentDto } from "./incident-view";

export { openIncident, advanceIncident, cancelIncident, type AdvanceResult, type IncidentOptions } from "./incident-steps";
export { incidentReportMarkdown, incidentReportFilename } from "./incident-report";
export { IncidentError } from "./incident-store";
export type { IncidentDto, IncidentItemDto } from "./incident-view";

export async function getIncident(id: string): Promise<IncidentDto> {
  return toIncidentDto(await loadIncident(id));
}

export async function listIncidentsFor(consumerId: string): Promise<IncidentDto[]> {
  return (await incidentsFor(consumerId)).map(toIncidentDto);
}

export async function listOpenIncidents(): Promise<IncidentDto[]> {
  return (await openIncidentRows()).map(toIncidentDto);
}

/** The newest incident of a consumer that is still open, or null. */
export async function openIncidentFor(consumerId: string): Promise<IncidentDto | null> {
  return (await listIncidentsFor(consumerId)).find((i) => !i.endedAt) ?? null;
}

export { previewIncident } from "./incident-steps";
