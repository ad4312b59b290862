"use client";
// The live strength meter for a new master passphrase. It asks the server (the same passphraseStrength that
// refuses weak passphrases) instead of estimating here: the meter and the refusal cannot disagree, and the
// estimator's dictionaries stay out of the browser bundle. Only the newest answer is shown.
import { useEffect, useRef, useState } from "react";
import type { StrengthResult } from "@/lib/vault/passphrase-strength";

const BAR = ["bg-red-600", "bg-orange-500", "bg-amber-500", "bg-amber-600", "bg-emerald-700"];
const WIDTH = ["w-1/5", "w-2/5", "w-3/5", "w-4/5", "w-full"];
const DEBOUNCE_MS = 150;

/** `current`: the passphrase being replaced, when there is one (the new one must not be it or lean on it). */
export function PassphraseMeter({
  id,
  value,
  current = "",
  estimate,
}: {
  id: string;
  value: string;
  current?: string;
  estimate: (p: string, current: string) => Promise<StrengthResult | null>;
}) {
  const [result, setResult] = useState<{ for: string; r: StrengthResult } | null>(null);
  const asked = `${current}\u0000${value}`;
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    if (!value) return;
    const t = setTimeout(() => {
      estimate(value, current)
        .then((r) => {
          if (r && mine === seq.current) setResult({ for: asked, r });
        })
        .catch(() => {
          // The server refuses or checks again on submit; a lost estimate just leaves the meter as it was.
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [value, current, asked, estimate]);

  const r = value && result?.for === asked ? result.r : null;
  return (
    <div id={id} aria-live="polite" className="space-y-1">
      <div className="h-2 w-full rounded bg-zinc-200 dark:bg-zinc-800">{r && <div className={`h-2 rounded ${BAR[r.score]} ${WIDTH[r.score]}`} />}</div>
      <p className="text-xs text-zinc-700 dark:text-zinc-300">
        {!value ? "Strength: type a passphrase" : r ? `Strength: ${r.label}${r.ok ? " — accepted" : r.reason ? ` — ${r.reason}` : ""}` : "Strength: checking…"}
      </p>
    </div>
  );
}
