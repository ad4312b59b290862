// What entity detection concluded, as stored in its audit event and shown on the key page, the "Check now" message
// and the CLI. Pure: the page, the CLI and the tests share the wording.
import { targetHost, type EntityTarget, type ProbeVerdict } from "@/lib/okx/entity-detection";
import { regionName, type Region } from "@/lib/domain";

export interface DetectionProbe {
  region: Region;
  demo: boolean;
  host: string | null;
  verdict: ProbeVerdict;
  code: string;
  unreachable: boolean;
}

export interface EntityDetection {
  /** The check whose answer this is (the found host's answer, or the stored host's when nothing was found). */
  checkId: number;
  at: Date;
  /** The stored host's code that started detection: 50119 or 50101. */
  trigger: string;
  result: "found" | "not_found" | "inconclusive";
  from: EntityTarget;
  /** Where OKX knows the key; null unless found. */
  to: EntityTarget | null;
  /** The key now points at `to` (Keywarden changed its region / demo flag). */
  applied: boolean;
  /** Found on another host while the key has its own host: the user decides (the key page offers the change). */
  suggested: boolean;
  probes: DetectionProbe[];
}

function where(t: EntityTarget): string {
  return `${regionName(t.region)}, ${targetHost(t)}${t.demo ? ", demo trading" : ""}`;
}

function env(demo: boolean): string {
  return demo ? "demo" : "live";
}

/** One paragraph: where the key was found and what Keywarden did about it, or why nothing changed. */
export function describeDetection(d: Pick<EntityDetection, "result" | "from" | "to" | "applied" | "suggested" | "probes">): string {
  if (d.result === "found" && d.to) {
    const to = d.to;
    const changed = [to.region !== d.from.region || to.host !== d.from.host ? "region" : null, to.demo !== d.from.demo ? "demo flag" : null]
      .filter(Boolean)
      .join(" and ");
    const was = `was ${regionName(d.from.region)}, ${targetHost(d.from)}, ${env(d.from.demo)}`;
    if (d.applied) return `Found on ${where(to)}: ${changed} updated (${was}).`;
    if (d.suggested) {
      return `Found on ${where(to)}. This key is set to its own host ${d.from.host}, which Keywarden does not replace by itself: switch to ${regionName(to.region)}'s host below if that is right.`;
    }
    return `Found on ${where(to)}, but the key's region, host or demo flag was changed meanwhile, so nothing was updated.`;
  }
  const asked = [...new Set([d.from, ...d.probes].map((p) => regionName(p.region)))].join(", ");
  if (d.result === "not_found") return `No OKX host knows this key: asked ${asked}, live and demo.`;
  const unsure = d.probes
    .filter((p) => p.verdict === "inconclusive")
    .map((p) => `${regionName(p.region)} ${env(p.demo)}: ${p.unreachable ? "could not reach OKX" : `answered ${p.code || "unexpectedly"}`}`);
  return `Keywarden could not ask every OKX entity (${unsure.join("; ")}), so the region and demo flag are unchanged. Check again later.`;
}
