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
