// Which OKX entity and environment a key lives on. Each entity's host knows only its own keys and answers any
// other key with 50119; a demo key without the demo header (or a live key with it) gets 50101 (okx-api.md). The
// wrong host is the most common OKX failure users report, so when the stored host answers one of those, the key
// is asked for on the other entities' hosts and in the other environment, one after the other, through the same
// client (and so the same per-UID limiter) as every other call. Pure: no DB; lib/checks stores the outcome.
import type { CallOptions, OkxClient } from "./client";
import { OkxError, unexpectedError } from "./errors";
import { REGIONS, type Region } from "@/lib/domain";
import { REGION_PRESETS } from "./regions";
import type { AccountConfig, OkxCredentials, RequestMeta } from "./types";

/** Where a key is asked: an entity, an environment, and the key's own host (null = the entity's preset). */
export interface EntityTarget {
  region: Region;
  demo: boolean;
  host: string | null;
}

/** "This host does not know the key in this environment": 50119 (doesn't exist here), 50111 (invalid key), 50101 (other environment). */
export const NOT_HERE_CODES: readonly string[] = ["50119", "50111", "50101"];
/** Answers on the stored host that start detection (okx-api.md: 50119 is the wrong entity or a gone key, 50101 demo vs live). */
export const DETECT_TRIGGER_CODES: readonly string[] = ["50119", "50101"];
/**
 * Refusals OKX only gives once it has found the key: frozen, wrong passphrase, IP not allowed, wrong signature,
 * missing permission. Anything else that is not a success (clock 50102, header or request bugs, rate limits,
 * 5xx, a reply we cannot read, a network failure) says nothing about where the key lives.
 */
export const PROVES_KEY_CODES: readonly string[] = ["50100", "50105", "50110", "50113", "50120"];

export type ProbeVerdict = "found" | "absent" | "inconclusive";

/** What one answer says about the key living on the host and environment asked. */
export function probeVerdict(error: OkxError | null): ProbeVerdict {
  if (!error) return "found";
  if (NOT_HERE_CODES.includes(error.code)) return "absent";
  if (PROVES_KEY_CODES.includes(error.code)) return "found";
  return "inconclusive";
}

export interface ProbeRecord {
  target: EntityTarget;
  verdict: ProbeVerdict;
  /** OKX's code ("0" on success, "" when OKX did not answer). */
  code: string;
  /** True when OKX could not be reached (network error or timeout), for "could not reach OKX" wording. */
  unreachable: boolean;
}

export type ProbeAnswer = { ok: true; config: AccountConfig; meta: RequestMeta } | { ok: false; error: OkxError };

export type DetectionResult =
  | { result: "found"; target: EntityTarget; answer: ProbeAnswer; probes: ProbeRecord[] }
  /** Every other host and environment said it does not know the key. */
  | { result: "not_found"; probes: ProbeRecord[] }
  /** No host proved the key, but at least one could not say (unreachable, clock, 5xx…): nothing is concluded. */
  | { result: "inconclusive"; probes: ProbeRecord[] };

export function sameTarget(a: EntityTarget, b: EntityTarget): boolean {
  return a.region === b.region && a.demo === b.demo && (a.host ?? null) === (b.host ?? null);
}

/** The host a target talks to as OKX names it (the preset or the key's own host), for messages; never the override. */
export function targetHost(t: Pick<EntityTarget, "region" | "host">): string {
  return (t.host ?? REGION_PRESETS[t.region]).replace(/^https?:\/\//, "");
}

/**
 * The targets to ask, most likely first. After 50101 the same entity's other environment is the documented cause;
 * after 50119 it is another entity in the same environment. A key with its own host is also asked on its entity's
 * preset host (the own host may be the mistake); other entities are always asked on their presets.
 */
export function detectionTargets(stored: EntityTarget, triggerCode: string): EntityTarget[] {
  const other = !stored.demo;
  const presetOfOwn = (demo: boolean): EntityTarget[] => (stored.host ? [{ region: stored.region, demo, host: null }] : []);
  const ownEntity = (demo: boolean): EntityTarget[] => [{ region: stored.region, demo, host: stored.host }, ...presetOfOwn(demo)];
  const elsewhere = (demo: boolean): EntityTarget[] => REGIONS.filter((r) => r !== stored.region).map((region) => ({ region, demo, host: null }));
  const ordered =
    triggerCode === "50101"
      ? [...ownEntity(other), ...presetOfOwn(stored.demo), ...elsewhere(stored.demo), ...elsewhere(other)]
      : [...presetOfOwn(stored.demo), ...elsewhere(stored.demo), ...ownEntity(other), ...elsewhere(other)];
  return ordered.filter((t) => !sameTarget(t, stored));
}

export interface DetectOptions extends Pick<CallOptions, "uidHint" | "signal" | "gate" | "timeoutMs"> {
  /** Tries per probe (default 2): a host that does not answer makes detection inconclusive rather than hold a check for long. */
  maxAttempts?: number;
}

/**
 * Asks the targets after `stored` answered `triggerCode`, one at a time, until one proves the key exists there.
 * Targets that resolve to the URL and environment already asked (OKX_API_BASE_URL pointing entities at one server,
 * or a key's own host equal to a preset) are asked once.
 */
export async function detectEntity(
  client: OkxClient,
  creds: OkxCredentials,
  stored: EntityTarget,
  triggerCode: string,
  opts: DetectOptions = {},
): Promise<DetectionResult> {
  const asked = new Set([askedRef(client, stored)]);
  const probes: ProbeRecord[] = [];
  for (const target of detectionTargets(stored, triggerCode)) {
    const ref = askedRef(client, target);
    if (asked.has(ref)) continue;
    asked.add(ref);
    let answer: ProbeAnswer;
    try {
      const { data, meta } = await client.getAccountConfigWithMeta(
        { ...creds, region: target.region, demo: target.demo, baseUrl: target.host },
        { uidHint: opts.uidHint, signal: opts.signal, gate: opts.gate, timeoutMs: opts.timeoutMs, maxAttempts: opts.maxAttempts ?? 2 },
      );
      answer = { ok: true, config: data, meta };
    } catch (e) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? e;
      answer = { ok: false, error: e instanceof OkxError ? e : unexpectedError() };
    }
    const error = answer.ok ? null : answer.error;
    const verdict = probeVerdict(error);
    probes.push({ target, verdict, code: error ? error.code : "0", unreachable: error?.kind === "network" });
    if (verdict === "found") return { result: "found", target, answer, probes };
  }
  return probes.some((p) => p.verdict === "inconclusive") ? { result: "inconclusive", probes } : { result: "not_found", probes };
}

function askedRef(client: OkxClient, t: EntityTarget): string {
  return `${client.baseUrlFor({ region: t.region, baseUrl: t.host })}\n${t.demo ? "demo" : "live"}`;
}
