import "server-only";
// What /keys/[id]/rotate shows: the key, its open rotation (or the one `shown` names, when it rotated this key),
// the earlier rotations, and the plan (the rotation's own, or a preview before one starts).
import { getKey } from "@/lib/keys/key-store";
import type { KeyDto } from "@/lib/keys/key-dto";
import { getRotation, listRotations, openRotationFor, previewPlan, type RotationDto, type RotationPlan } from "@/lib/rotation";

export interface RotatePageData {
  key: KeyDto;
  rotation: RotationDto | null;
  history: Awaited<ReturnType<typeof listRotations>>;
  plan: RotationPlan | null;
}

/** Throws NotFoundError when no key has this id. */
export async function loadRotatePage(id: string, shown: string | undefined): Promise<RotatePageData> {
  const key = await getKey(id);
  let rotation = await openRotationFor(id);
  if (!rotation && shown) {
    const r = await getRotation(shown).catch(() => null);
    if (r && r.oldKey.id === id) rotation = r;
  }
  const history = (await listRotations({ keyId: id, limit: 10 })).filter((h) => h.id !== rotation?.id);
  const plan = rotation ? rotation.plan : key.status === "active" && key.hasSecrets ? await previewPlan(id) : null;
  return { key, rotation, history, plan };
}
