import "server-only";
// Adopting an unmanaged key: the user gives the secret key and passphrase OKX showed once at its creation.
// Before anything is stored, a signed account/config call with them must answer for that exact public key: OKX
// verifies the signature against the key's own secret, so a code 0 proves the pair belongs to it. Only then is it
// stored as a normal sub-account key (its master key as parent, OKX's real creation time) and its first check
// kept from that same answer.
import type { Actor } from "@/lib/event-log/record";
import { writeCheck } from "@/lib/checks/check-writer";
import { recordFromSuccess } from "@/lib/checks/check-record";
import { AppError, ValidationError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { keyMetadataSchema, keySecretsSchema } from "@/lib/keys/key-schema";
import { addKey, getKey } from "@/lib/keys/key-store";
import type { KeyDto } from "@/lib/keys/key-dto";
import type { OkxClient } from "@/lib/okx/client";
import { defaultOkxClient } from "@/lib/okx/default-client";
import { OkxError } from "@/lib/okx/errors";
import { findUnmanagedKey, publicKeyOf } from "./find-unmanaged-key";

export const adoptKeySchema = keyMetadataSchema
  .pick({ label: true, purpose: true, usedBy: true })
  .extend(keySecretsSchema.pick({ secretKey: true, passphrase: true }).shape);

export async function adoptUnmanagedKey(id: number, input: unknown, opts: { actor?: Actor; client?: OkxClient } = {}): Promise<KeyDto> {
  const data = parseInput(adoptKeySchema, input);
  const target = await findUnmanagedKey(id);
  const apiKey = publicKeyOf(target);
  const creds = { apiKey, secretKey: data.secretKey, passphrase: data.passphrase, region: target.region, demo: target.demo, baseUrl: target.host };
  const client = opts.client ?? defaultOkxClient();
  let answer;
  try {
    // No retries on auth errors (the client never retries them); one short call the user waits for.
    answer = await client.getAccountConfigWithMeta(creds, { maxAttempts: 2 });
  } catch (e) {
    throw refusal(e);
  }
  const actor = opts.actor ?? "web";
  const added = await addKey(
    {
      label: data.label,
      region: target.region,
      host: target.host ?? undefined,
      demo: target.demo,
      purpose: data.purpose,
      // addKey parses the consumers' text itself; adoptKeySchema has already refused bad lines before OKX was asked.
      usedBy: String((input as Record<string, unknown>).usedBy ?? ""),
      createdOn: target.createdAt.toISOString().slice(0, 10),
      notes: "",
      apiKey,
      secretKey: data.secretKey,
      passphrase: data.passphrase,
    },
    {
      actor,
      createdOnSource: "okx",
      createdAtExact: target.createdAt,
      subAcct: target.subAcct,
      parentKeyId: target.masterKeyId,
      alsoRecord: {
        action: "key.adopt",
        detail: {
          fingerprint: target.fingerprint,
          subAcct: target.subAcct,
          masterKeyId: target.masterKeyId,
          masterLabel: target.masterLabel,
          okxLabel: target.okxLabel,
          verifiedBy: "account/config code 0",
        },
      },
    },
  );
  // The verifying answer is the key's first check: its grade is known at once.
  await writeCheck({
    keyId: added.id,
    label: added.label,
    record: recordFromSuccess(answer.data, answer.meta),
    actor,
    asked: { region: target.region, demo: target.demo, host: target.host },
  });
  return getKey(added.id);
}

/** OKX's refusal as a message on the field the user can fix; nothing has been stored at this point. */
function refusal(e: unknown): unknown {
  if (!(e instanceof OkxError)) return e;
  if (e.code === "50113")
    return new ValidationError({ secretKey: ["OKX refused the signature (50113): this secret key does not belong to this key. Nothing was stored."] });
  if (e.code === "50105")
    return new ValidationError({ passphrase: ["OKX refused the passphrase (50105): it is not this key's API passphrase. Nothing was stored."] });
  if (e.code === "50110") {
    return new AppError(
      "OKX refused this machine's IP address (50110): the key is bound to other IPs, and OKX does not say whether it checked the secret first, so Keywarden cannot verify it from here. Nothing was stored. Add this machine's IP to the key on okx.com to adopt it, or add it with Keys → Add key.",
      "okx-50110",
    );
  }
  return e;
}
