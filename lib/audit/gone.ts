// "Gone" versus "elsewhere" for OKX's 50119 ("API key doesn't exist"). Each OKX entity's host knows only its own
// keys, so 50119 alone cannot tell a deleted key from another entity's key. It means deleted when entity detection
// found the key on no host (notFoundAnywhere), or when the same host, asked in the same environment, answered for
// this key before: a host does not forget a key it knew, unless the key was deleted. Pure, shared by the audit
// and by both rotations (which destroy the old secrets only on this proof).
import type { AuditCheck } from "./types";

/** The answer of OKX's "API key doesn't exist" (okx-api.md). */
export const KEY_DOES_NOT_EXIST = "50119";

/**
 * Answers only a host that holds the key gives: it worked, or OKX looked the key up and then refused something
 * else (its IP allowlist 50110, passphrase 50105, signature 50113, frozen 50100). 50119, 50111 and 50101 say
 * nothing about the key existing there.
 */
export const EXISTS_CODES: readonly string[] = ["0", "50110", "50105", "50113", "50100"];
const EXISTS: ReadonlySet<string> = new Set(EXISTS_CODES);

export type CheckOrigin = Pick<AuditCheck, "region" | "demo" | "host">;

export function provesExistence(c: Pick<AuditCheck, "outcome" | "code">): boolean {
  return c.outcome === "ok" || c.outcome === "ip_blocked" || EXISTS.has(c.code);
}

/** Both checks asked the same entity, environment and own host (checks from before origins were recorded never match). */
export function sameOrigin(a: CheckOrigin, b: CheckOrigin): boolean {
  if (a.region == null || b.region == null || a.demo == null || b.demo == null) return false;
  return a.region === b.region && a.demo === b.demo && (a.host ?? null) === (b.host ?? null);
}

function earlier(a: AuditCheck, b: AuditCheck): boolean {
  const ta = a.at.getTime();
  const tb = b.at.getTime();
  return ta < tb || (ta === tb && a.id < b.id);
}

/** Why a 50119 means the key is gone, or null when it may live on another entity's host. */
export type GoneProof = { kind: "nowhere" } | { kind: "same-host"; answered: AuditCheck };

/** Whether `answer` (a 50119) proves the key deleted, given the key's other checks. */
export function goneProof(answer: AuditCheck, checks: readonly AuditCheck[]): GoneProof | null {
  if (answer.code !== KEY_DOES_NOT_EXIST) return null;
  if (answer.notFoundAnywhere) return { kind: "nowhere" };
  let answered: AuditCheck | null = null;
  for (const c of checks) {
    if (c === answer || !earlier(c, answer) || !provesExistence(c) || !sameOrigin(c, answer)) continue;
    if (!answered || earlier(answered, c)) answered = c;
  }
  return answered ? { kind: "same-host", answered } : null;
}
