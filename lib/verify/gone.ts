// "Is this key gone?" for verify, from okx-api.md's 50119 row: the key is deleted when OKX answers 50119 on the
// host that answered for it before, or when no entity's host knows it (entity detection asked them all).
// A 50119 from a host that never answered for the key is most often the wrong region: not "gone".
export interface GoneCheck {
  id: number;
  at: Date;
  outcome: string;
  code: string;
  /** Entity, environment and own host the answer came from; null on checks made before they were recorded. */
  region: string | null;
  demo: boolean | null;
  host: string | null;
  notFoundAnywhere: boolean;
}

const REACHED = new Set(["ok", "ip_blocked"]);

function sameHost(a: GoneCheck, b: GoneCheck): boolean {
  return a.region !== null && a.region === b.region && a.demo === b.demo && (a.host ?? null) === (b.host ?? null);
}

export function isGoneAnswer(check: GoneCheck, earlier: readonly GoneCheck[]): boolean {
  if (check.code !== "50119") return false;
  if (check.notFoundAnywhere) return true;
  const t = check.at.getTime();
  return earlier.some((e) => REACHED.has(e.outcome) && (e.at.getTime() < t || (e.at.getTime() === t && e.id < check.id)) && sameHost(e, check));
}
