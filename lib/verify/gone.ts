// "Is this key gone?" for verify, from okx-api.md's 50119 row: the key is deleted when OKX answers 50119 on the
// host that answered for it before, or when no entity's host knows it (entity detection asked them all).
// A 50119 from a host that never answered for the key is most often the wrong region: not "gone".
// The same rule as the audit's dead-key proof that is landing in lib/audit (gone.ts); verify moves to that one
// function once it is on main, so the two can never disagree.
export interface GoneCheck {
  id: number;
  at: Date;
  outcome: string;
  code: string;
  /** Entity, environment and own host the answer came from; null on checks made before they were recorded. */
  region?: string | null;
  demo?: boolean | null;
  host?: string | null;
  notFoundAnywhere?: boolean;
}

/** Why a 50119 means the key is gone, or null when it may live on another entity's host. */
export type GoneProof<C extends GoneCheck> = { kind: "nowhere" } | { kind: "same-host"; answered: C };

/** Answers only a host that holds the key gives: it worked, or OKX found the key and refused something else. */
const EXISTS_CODES = new Set(["0", "50110", "50105", "50113", "50100"]);
const REACHED = new Set(["ok", "ip_blocked"]);

function sameHost(a: GoneCheck, b: GoneCheck): boolean {
  if (a.region == null || b.region == null || a.demo == null || b.demo == null) return false;
  return a.region === b.region && a.demo === b.demo && (a.host ?? null) === (b.host ?? null);
}

export function goneProof<C extends GoneCheck>(check: C, earlier: readonly C[]): GoneProof<C> | null {
  if (check.code !== "50119") return null;
  if (check.notFoundAnywhere) return { kind: "nowhere" };
  const t = check.at.getTime();
  let answered: C | null = null;
  for (const e of earlier) {
    const et = e.at.getTime();
    if (!(et < t || (et === t && e.id < check.id)) || !(REACHED.has(e.outcome) || EXISTS_CODES.has(e.code)) || !sameHost(e, check)) continue;
    if (!answered || et > answered.at.getTime()) answered = e;
  }
  return answered ? { kind: "same-host", answered } : null;
}
