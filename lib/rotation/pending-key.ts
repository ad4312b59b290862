import "server-only";
// A crash between storing the new key and linking it leaves a row with the pending label and a rotation still
// waiting: link them. Pure DB work, safe to run on every page load.
import { db } from "@/lib/db/client";
import { commit, type LoadedRotation } from "./rotation-store";
import type { RotationOptions } from "./rotation-context";

export async function reconcilePendingKey(rot: LoadedRotation, opts: RotationOptions = {}): Promise<LoadedRotation> {
  if (rot.newKeyId || !rot.data.pendingKeyLabel || (rot.state !== "planned" && rot.state !== "creating")) return rot;
  const prisma = await db();
  const row = await prisma.apiKey.findUnique({ where: { label: rot.data.pendingKeyLabel }, select: { id: true, addedAt: true, fingerprint: true } });
  if (!row || row.id === rot.oldKeyId || row.addedAt < rot.createdAt) return rot;
  const linked = await prisma.rotation.findFirst({ where: { newKeyId: row.id }, select: { id: true } });
  if (linked) return rot;
  return commit(rot, {
    to: "new_key_stored",
    step: "new-key-recovered",
    actor: opts.actor,
    newKeyId: row.id,
    data: (d) => ({ ...d, pendingKeyLabel: undefined, ...(rot.mode === "automated" ? { revealed: false } : {}) }),
    detail: { newKeyId: row.id, fingerprint: row.fingerprint },
  });
}
