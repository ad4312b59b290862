// Changes between the two latest successful checks. Nobody edits a key's OKX settings through Keywarden
// (except automated sub-account rotation, which makes a new key), so a change means someone used the OKX
// account. Widened permissions are high; narrowed-only permissions are info (a change worth knowing about,
// but it only ever lowers risk — which also keeps "more permissions never improve the grade" true).
import { normalizePerms, permWord } from "@/lib/domain";
import { fixSteps, kwStep } from "../fix-steps";
import { KW_KEY_PAGE, okxApiPage } from "../okx-links";
import { fmtDateTime } from "../time";
import type { AuditCheck, Finding } from "../types";
import type { RuleContext } from "./context";

function cleanIps(ip: readonly string[]): string[] {
  return [...new Set(ip.map((s) => s.trim()).filter((s) => s !== ""))].sort();
}

function diff<T>(from: readonly T[], to: readonly T[]): { added: T[]; removed: T[] } {
  return { added: to.filter((x) => !from.includes(x)), removed: from.filter((x) => !to.includes(x)) };
}

function between(prev: AuditCheck, last: AuditCheck, what: (c: AuditCheck) => string): string {
  return `Check #${prev.id} at ${fmtDateTime(prev.at)}: ${what(prev)}; ` + `check #${last.id} at ${fmtDateTime(last.at)}: ${what(last)}`;
}

export function driftRule(ctx: RuleContext): Finding[] {
  const { key } = ctx;
  const last = ctx.history.lastOk;
  const prev = ctx.history.prevOk;
  if (!last || !prev) return [];
  const out: Finding[] = [];
  const evidenceAt = { checkId: last.id, at: last.at };
  const compromised = kwStep(
    `If you did not make this change, someone has access to your OKX account: change the OKX password and 2FA, then ${KW_KEY_PAGE} → Rotate`,
    { kind: "rotate" },
  );

  if (prev.perm && last.perm) {
    const p = normalizePerms(prev.perm);
    const l = normalizePerms(last.perm);
    const { added, removed } = diff(p, l);
    const change = [...added.map((x) => `+${permWord(x)}`), ...removed.map((x) => `−${permWord(x)}`)].join(" ");
    const detail = between(prev, last, (c) => `perm "${normalizePerms(c.perm ?? []).join(",")}"`);
    if (added.length > 0) {
      out.push({
        rule: "drift",
        severity: "high",
        keyId: key.id,
        title: `Permissions widened since the previous check: ${change}`,
        why: "Key permissions only change when someone edits the key on OKX. Wider permissions mean more damage if the key leaks.",
        ...fixSteps(`Review '${ctx.okxLabel ?? key.label}' at ${okxApiPage(key)} and untick what it does not need`, compromised),
        evidence: { ...evidenceAt, detail },
        action: "rotate",
      });
    } else if (removed.length > 0) {
      out.push({
        rule: "drift",
        severity: "info",
        keyId: key.id,
        title: `Permissions narrowed since the previous check: ${change}`,
        why: "Narrower permissions lower the risk, but a consumer that needed them will now fail.",
        ...fixSteps("Make sure every consumer of this key still works", compromised),
        evidence: { ...evidenceAt, detail },
      });
    }
  }

  if (prev.ip && last.ip) {
    const { added, removed } = diff(cleanIps(prev.ip), cleanIps(last.ip));
    if (added.length > 0 || removed.length > 0) {
      const change = [...added.map((x) => `+${x}`), ...removed.map((x) => `−${x}`)].join(" ");
      out.push({
        rule: "drift",
        severity: "medium",
        keyId: key.id,
        title: `IP allowlist changed since the previous check: ${change}`,
        why: "An added IP lets another machine use the key; a removed one stops a consumer. Either way someone edited the key on OKX.",
        ...fixSteps(`Confirm each IP at ${okxApiPage(key)} belongs to one of this key's consumers`, compromised),
        evidence: { ...evidenceAt, detail: between(prev, last, (c) => `IP allowlist ${cleanIps(c.ip ?? []).join(", ") || "none"}`) },
      });
    }
  }

  if (prev.label !== null && last.label !== null && prev.label !== last.label) {
    out.push({
      rule: "drift",
      severity: "info",
      keyId: key.id,
      title: `Label on OKX changed: '${prev.label}' → '${last.label}'`,
      why: "Harmless by itself, but it shows the key was edited on OKX, and fix steps refer to keys by their OKX label.",
      ...fixSteps(kwStep(`If you want the names to match: ${KW_KEY_PAGE} → Edit → Label`, { kind: "edit", field: "label" })),
      evidence: { ...evidenceAt, detail: between(prev, last, (c) => `label '${c.label}'`) },
    });
  }
  return out;
}
