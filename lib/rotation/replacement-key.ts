import "server-only";
// The one place a rotation's new key is built: the old key's metadata (region, host, demo flag, purpose, consumers,
// sub-account and master) carried over as they are stored, with the new label, creation date, notes and secrets.
// Only the parts that came from outside (the label a user typed, secrets typed or returned by OKX) are checked.
import type { Actor } from "@/lib/event-log/record";
import { parseInput } from "@/lib/errors/parse-input";
import type { KeyDto } from "@/lib/keys/key-dto";
import { keyMetadataSchema, keySecretsSchema } from "@/lib/keys/key-schema";
import { addParsedKey } from "@/lib/keys/key-store";
import { commit, type LoadedRotation } from "./rotation-store";
import type { RotationData } from "./rotation-data";
import type { RotationOptions } from "./rotation-context";

const replacementFields = keySecretsSchema.extend({ label: keyMetadataSchema.shape.label });

export interface ReplacementKey {
  label: string;
  /** YYYY-MM-DD; never in the future (OKX's clock may be ahead of ours). */
  createdOn: string;
  /** "user": the day the user entered it; "okx": OKX's own creation time. */
  createdOnSource: "user" | "okx";
  notes: string;
  apiKey: string;
  secretKey: string;
  passphrase: string;
}

export function storeReplacementKey(old: KeyDto, key: ReplacementKey, actor?: Actor): Promise<KeyDto> {
  const checked = parseInput(replacementFields, { label: key.label, apiKey: key.apiKey, secretKey: key.secretKey, passphrase: key.passphrase });
  return addParsedKey(
    {
      ...checked,
      region: old.region,
      host: old.host,
      demo: old.demo,
      purpose: old.purpose,
      usedBy: old.consumers,
      createdOn: key.createdOn,
      notes: key.notes,
    },
    { actor, createdOnSource: key.createdOnSource, subAcct: old.subAcct, parentKeyId: old.parentKeyId },
  );
}

/**
 * Stores the replacement and links it to the rotation (step "new-key", state new_key_stored), clearing the pending
 * label its intent recorded. `data` adds what a mode tracks besides; `detail` is the audit event's.
 */
export async function storeAndLinkReplacement(
  rot: LoadedRotation,
  old: KeyDto,
  key: ReplacementKey,
  opts: RotationOptions,
  link: { data?: Partial<RotationData>; detail: (stored: KeyDto) => Record<string, unknown> },
): Promise<KeyDto> {
  const stored = await storeReplacementKey(old, key, opts.actor);
  await commit(rot, {
    to: "new_key_stored",
    step: "new-key",
    actor: opts.actor,
    newKeyId: stored.id,
    data: (d) => ({ ...d, pendingKeyLabel: undefined, ...link.data }),
    detail: link.detail(stored),
  });
  return stored;
}
