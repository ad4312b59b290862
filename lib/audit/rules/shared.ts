import { fixSteps, kwStep } from "../fix-steps";
import { KW_KEY_PAGE } from "../okx-links";
import type { Consumer } from "@/lib/domain";
import type { Finding } from "../types";
import type { RuleContext } from "./context";

/**
 * Distinct named consumers (case- and space-insensitive); unnamed entries are ignored. The same app on two hosts
 * ("freqtrade @ vps-1", "freqtrade @ vps-2") is two consumers: two machines holding the key.
 */
export function distinctConsumers(consumers: readonly Consumer[]): Consumer[] {
  const seen = new Set<string>();
  const out: Consumer[] = [];
  for (const c of consumers) {
    const name = c.name.trim();
    const id = `${name.toLowerCase()}\n${(c.host ?? "").trim().toLowerCase()}`;
    if (name === "" || seen.has(id)) continue;
    seen.add(id);
    out.push(c);
  }
  return out;
}

export function sharedKeyRule(ctx: RuleContext): Finding[] {
  const { key } = ctx;
  const out: Finding[] = [];
  if (ctx.duplicate) {
    out.push({
      rule: "shared-key",
      severity: "medium",
      keyId: key.id,
      title: "The same OKX key is stored more than once",
      why: "Two entries for one OKX key drift apart: one gets rotated or retired while consumers keep using the other, and every finding is counted twice.",
      fix: [
        `Keywarden → Keys → find the other entry with fingerprint ${key.fingerprint}`,
        "Move its consumers to one entry, then delete the other entry in Keywarden (this does not touch OKX)",
      ],
      evidence: { detail: `Another active key in this vault stores the same OKX API key (fingerprint ${key.fingerprint})` },
      action: "edit",
    });
  }
  const consumers = distinctConsumers(key.consumers);
  if (consumers.length > 1) {
    out.push({
      rule: "shared-key",
      severity: "medium",
      keyId: key.id,
      title: `One key is shared by ${consumers.length} consumers`,
      why: "If one consumer leaks the key, all of them must be switched at once, and nothing tells their calls apart. OKX recommends a separate key per app.",
      ...fixSteps(
        "Create one key per consumer on okx.com, each with only the permissions and IPs that consumer needs",
        kwStep(`Add each new key to Keywarden, then ${KW_KEY_PAGE} → Rotate to move the consumers over one by one`, { kind: "rotate" }),
      ),
      evidence: {
        detail: `Stored consumers: ${consumers.map((c) => (c.host?.trim() ? `${c.name.trim()} (${c.host.trim()})` : c.name.trim())).join(", ")}`,
      },
      action: "rotate",
    });
  }
  return out;
}
