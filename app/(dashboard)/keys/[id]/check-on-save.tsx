// The key page's account of where OKX knows the key: the check made on save (shown prominently right after an add)
// and what entity detection did, with the button that applies a suggested host.
import type { CheckDto } from "@/lib/checks/check-dto";
import { addedCheckLines } from "@/lib/checks/check-advice";
import { describeDetection, type EntityDetection } from "@/lib/checks/detection-advice";
import { regionName } from "@/lib/domain";
import { sameTarget, targetHost } from "@/lib/okx/entity-detection";
import type { KeyDto } from "@/lib/keys/key-dto";
import { ApplyEntityForm } from "./apply-entity-form";

const TONE = {
  good: "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  warn: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  bad: "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
};

function tone(c: CheckDto): keyof typeof TONE {
  if (c.outcome === "ok") return "good";
  return c.outcome === "network_error" || c.outcome === "rate_limited" || c.outcome === "ip_blocked" ? "warn" : "bad";
}

/** Shown after "Add key": what OKX said on save, or that it could not be asked. */
export function CheckOnSave({ check, detection }: { check: CheckDto | null; detection: EntityDetection | null }) {
  if (!check) {
    return (
      <section aria-labelledby="on-save" className={`rounded-lg border p-4 text-sm ${TONE.warn}`}>
        <h2 id="on-save" className="font-semibold">
          Not checked yet
        </h2>
        <p className="mt-1">The key is stored, but Keywarden could not ask OKX about it on save. Use Check now.</p>
      </section>
    );
  }
  const [headline, ...rest] = addedCheckLines(check, detection);
  return (
    <section aria-labelledby="on-save" className={`rounded-lg border p-4 text-sm ${TONE[tone(check)]}`}>
      <h2 id="on-save" className="text-base font-semibold">
        Checked with OKX on save
      </h2>
      <p className="mt-1 font-medium">{headline}</p>
      {rest.map((l) => (
        <p key={l} className="mt-1">
          {l}
        </p>
      ))}
    </section>
  );
}

/**
 * Entity detection's result for the key's latest check, when it did not already appear in the on-save panel: the
 * region update, "no host knows it", or the suggestion to leave the user's own host for the one OKX answered on.
 */
export function DetectionNote({ detection, keyDto }: { detection: EntityDetection; keyDto: KeyDto }) {
  const now = { region: keyDto.region, demo: keyDto.demo, host: keyDto.host };
  const to = detection.to;
  const pending = detection.suggested && to !== null && sameTarget(detection.from, now);
  const text =
    detection.suggested && !pending && to && sameTarget(to, now) ? `Switched to ${regionName(to.region)}, ${targetHost(to)}.` : describeDetection(detection);
  return (
    <section
      aria-label="Where OKX knows this key"
      className={`space-y-2 rounded-lg border p-4 text-sm ${detection.result === "found" ? TONE.good : TONE.warn}`}
    >
      <p>{text}</p>
      {pending && to && (
        <ApplyEntityForm
          id={keyDto.id}
          label={`Use ${regionName(to.region)} (${targetHost(to)})${to.demo !== detection.from.demo ? (to.demo ? ", demo" : ", live") : ""}`}
        />
      )}
    </section>
  );
}
