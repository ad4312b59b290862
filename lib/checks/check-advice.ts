// Words for a stored check, derived when it is shown: OKX's code and message as stored, the plain advice
// for that code from lib/okx/errors.ts (never copied into the row, so it cannot go stale), and the measured
// clock skew when it is large enough to matter. Pure: the key page and the "Check now" action share it.
import { isNotableSkew } from "@/lib/okx/clock-skew";
import { adviceForCode, describeSkew } from "@/lib/okx/errors";
import { targetHost } from "@/lib/okx/entity-detection";
import { isRegion, regionName } from "@/lib/domain";
import type { CheckDto, DiscoverySummary } from "./check-dto";
import { describeDetection } from "./detection-advice";

export interface CheckExplanation {
  /** "works", or OKX's code and message ("50105: Passphrase incorrect"), or our advice when OKX said nothing. */
  answer: string;
  /** What to do about it, when the code is one we know; null otherwise. */
  advice: string | null;
  /** "This machine's clock is 41 s ahead of OKX…", when the skew matters; null otherwise. */
  skew: string | null;
}

export function explainCheck(c: Pick<CheckDto, "outcome" | "code" | "message" | "skewMs">): CheckExplanation {
  const answer = c.outcome === "ok" ? "works" : `${c.code ? `${c.code}: ` : ""}${c.message || "no message"}`;
  const advice = c.outcome === "ok" ? null : adviceForCode(c.code, c.skewMs);
  // 50102's advice already states the skew.
  const skew = c.code !== "50102" && isNotableSkew(c.skewMs) ? skewNote(c.skewMs) : null;
  return { answer, advice: advice && advice !== c.message ? advice : null, skew };
}

export function skewNote(skewMs: number): string {
  return `This machine's clock is ${describeSkew(skewMs)}. Keywarden corrects for it, but OKX rejects requests more than 30 s off, so other apps on this machine may fail: sync the system clock (NTP).`;
}

/** One line about a master key's sub-account discovery, for the "Check now" message and the key page. */
export function describeDiscovery(d: DiscoverySummary): string {
  if (!d.ok) {
    const advice = adviceForCode(d.code, null);
    const said = `${d.code ? `${d.code}: ` : ""}${d.message}`;
    return `Sub-account keys could not be listed (${said})${advice && advice !== d.message ? ` ${advice}` : ""} The check itself worked.`;
  }
  if (d.subAccounts === 0) return "OKX lists no sub-accounts for this master account.";
  const subs = `${d.subAccounts} sub-account${d.subAccounts === 1 ? "" : "s"}`;
  const keys = `${d.keys} key${d.keys === 1 ? "" : "s"}`;
  const missing = d.keys - d.linked;
  return `Found ${keys} in ${subs}: ${d.linked} in Keywarden${missing ? `, ${missing} not in Keywarden` : ""}.`;
}

/** The one-paragraph result "Check now" shows: OKX's answer, the advice, the skew and what discovery found. */
export function checkNowMessage(
  c: Pick<CheckDto, "outcome" | "code" | "message" | "skewMs" | "latencyMs" | "discovery"> & { detection?: Parameters<typeof describeDetection>[0] | null },
): string {
  const e = explainCheck(c);
  const parts =
    c.outcome === "ok"
      ? [`OKX answered in ${c.latencyMs} ms: the key works.`]
      : [`OKX ${c.code ? `error ${c.code}` : "request failed"}: ${c.message}${/[.!?]$/.test(c.message) ? "" : "."}`, e.advice];
  if (e.skew) parts.push(e.skew);
  if (c.detection) parts.push(describeDetection(c.detection));
  if (c.discovery) parts.push(describeDiscovery(c.discovery));
  return parts.filter(Boolean).join(" ");
}

const PERM_WORDS: Record<string, string> = { read_only: "Read", trade: "Trade", withdraw: "Withdraw" };

/**
 * What a check on save tells the user, line by line (key page and `keywarden add`): whether the key works, on which
 * entity, with which permissions and IPs, or what OKX said instead; then what entity detection did.
 */
export function addedCheckLines(
  c: Pick<CheckDto, "outcome" | "code" | "message" | "skewMs" | "perm" | "ip" | "region" | "demo" | "host">,
  detection: Parameters<typeof describeDetection>[0] | null,
): string[] {
  const on =
    c.region && isRegion(c.region)
      ? ` on ${regionName(c.region)} (${targetHost({ region: c.region, host: c.host })}), ${c.demo ? "demo trading" : "live"}`
      : "";
  const lines: string[] = [];
  if (c.outcome === "ok") {
    lines.push(`The key works${on}.`);
    lines.push(`Permissions: ${(c.perm ?? []).map((p) => PERM_WORDS[p] ?? p).join(", ") || "none"}. Bound IPs: ${c.ip?.length ? c.ip.join(", ") : "none"}.`);
  } else if (c.outcome === "network_error") {
    lines.push("Could not reach OKX, so Keywarden does not know yet whether the key works. It is stored: use Check now to try again.");
  } else {
    const e = explainCheck(c);
    lines.push(`OKX answered${on}: ${e.answer}${/[.!?]$/.test(e.answer) ? "" : "."}`);
    if (e.advice) lines.push(e.advice);
  }
  if (detection) lines.push(describeDetection(detection));
  return lines;
}
