import "server-only";
// Step 4 (both modes): the user switches each consumer to the new key and ticks it; all ticked moves on.
import { commit, loadRotation, RotationError } from "./rotation-store";
import { requireSecretsCopied } from "./reveal-rules";
import { requireState, type RotationOptions } from "./rotation-context";

export async function setConsumerSwitched(rotationId: string, index: number, done: boolean, opts: RotationOptions = {}): Promise<void> {
  const rot = await loadRotation(rotationId);
  requireState(rot, "verified");
  if (done) requireSecretsCopied(rot);
  const item = rot.data.consumers[index];
  if (!item) throw new RotationError("That consumer is not on this rotation's checklist. Reload the page.");
  if (item.done === done) return;
  await commit(rot, {
    to: "verified",
    step: done ? "consumer-switched" : "consumer-unticked",
    actor: opts.actor,
    data: (d) => ({
      ...d,
      consumers: d.consumers.map((c, i) =>
        i === index ? { ...c, done, at: done ? new Date().toISOString() : undefined, ...(done ? {} : { written: undefined }) } : c,
      ),
    }),
    detail: { consumer: item.name, index },
  });
}

export async function confirmConsumersSwitched(rotationId: string, opts: RotationOptions = {}): Promise<void> {
  const rot = await loadRotation(rotationId);
  requireState(rot, "verified");
  const left = rot.data.consumers.filter((c) => !c.done).map((c) => c.name);
  if (left.length) throw new RotationError(`Switch and tick every consumer first. Still using the old key: ${left.join(", ")}.`, "rotation-consumers-left");
  requireSecretsCopied(rot);
  await commit(rot, { to: "switched", step: "consumers-done", actor: opts.actor, detail: { consumers: rot.data.consumers.length } });
}
