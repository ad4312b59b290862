import "server-only";
// An automated rotation acts on the old key's sub-account through the master key stored as its parent.
import { getKey } from "@/lib/keys/key-store";
import type { KeyDto } from "@/lib/keys/key-dto";
import { masterAccessOf, type MasterAccess } from "@/lib/master-key";
import { RotationError, type LoadedRotation } from "./rotation-store";
import { okxClient, type RotationOptions } from "./rotation-context";

export interface AutomatedAccess {
  old: KeyDto;
  access: MasterAccess;
}

export async function automatedAccess(rot: LoadedRotation, opts: RotationOptions): Promise<AutomatedAccess> {
  if (rot.mode !== "automated") throw new RotationError("This is a guided rotation: create and delete keys on okx.com.");
  const old = await getKey(rot.oldKeyId);
  const access = await masterAccessOf(old, okxClient(opts));
  if (!access) throw new RotationError("The old key is not a sub-account key with a known master key.");
  return { old, access };
}
