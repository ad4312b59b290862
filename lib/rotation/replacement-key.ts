import "server-only";
// The one place a rotation's new key is built: the old key's metadata (region, host, demo flag, purpose, consumers,
// sub-account and master) carried over as they are stored, with the new label, creation date, notes and secrets.
// Only the parts that came from outside (the label a user typed, secrets typed or returned by OKX) are checked.
import type { Actor } from "@/lib/audit-log/record";
import { parseInput } from "@/lib/errors/parse-input";
import type { KeyDto } from "@/lib/keys/key-dto";
import { keyMetadataSchema, keySecretsSchema } from "@/lib/keys/key-schema";
import { addParsedKey } from "@/lib/keys/key-store";

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
