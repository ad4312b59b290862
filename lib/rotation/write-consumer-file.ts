import "server-only";
// "Write the new key into this file" on the switch checklist: for a consumer the scan located in a file, the new
// key's values replace the old ones there (lib/scan/write-back), and the consumer is ticked once a re-read proves
// the file holds the new key. Only on that click, only after the new key was verified.
import { writeKeyIntoFile, type WriteBackResult } from "@/lib/scan/write-back";
import { requireSecretsCopied } from "./reveal-rules";
import { commit, loadRotation, RotationError } from "./rotation-store";
import { oneAtATime } from "./rotation-lock";
import { requireState, type RotationOptions } from "./rotation-context";

export function writeConsumerFile(rotationId: string, index: number, opts: RotationOptions = {}): Promise<WriteBackResult> {
  return oneAtATime(rotationId, async () => {
    const rot = await loadRotation(rotationId);
    requireState(rot, "verified");
    requireSecretsCopied(rot);
    const item = rot.data.consumers[index];
    if (!item) throw new RotationError("That consumer is not on this rotation's checklist. Reload the page.");
    if (!item.path) throw new RotationError(`“${item.name}” has no file the scan found: put the new key into it yourself, then tick it.`);
    if (!rot.newKeyId) throw new RotationError("No new key is linked to this rotation yet.");
    if (item.done) throw new RotationError(`“${item.name}” is already ticked as switched. Untick it first to write into its file again.`);
    const result = await writeKeyIntoFile(item.path, rot.oldKeyId, rot.newKeyId, { actor: opts.actor, rotationId });
    const at = new Date().toISOString();
    await commit(rot, {
      to: "verified",
      step: "consumer-written",
      actor: opts.actor,
      data: (d) => ({ ...d, consumers: d.consumers.map((c, i) => (i === index ? { ...c, done: true, at, written: { at, backup: result.backup } } : c)) }),
      detail: { consumer: item.name, index, path: item.path },
    });
    return result;
  });
}
