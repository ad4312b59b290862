import "server-only";
// Guided rotation (master-account keys): the user creates and deletes keys on okx.com; Keywarden stores the new
// key, verifies it, and confirms the old one is gone before destroying its secrets.
import { db } from "@/lib/db/client";
import { checkKey } from "@/lib/checks/check-key";
import type { CheckDto } from "@/lib/checks/check-dto";
import { getKey, replaceSecrets } from "@/lib/keys/key-store";
import { ValidationError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { keyMetadataSchema, keySecretsSchema } from "@/lib/keys/key-schema";
import { adviceForCode } from "@/lib/okx/errors";
import { finishRotation } from "./finish";
import { commit, loadRotation, RotationError } from "./rotation-store";
import { reconcilePendingKey } from "./pending-key";
import { provesOldKeyGone } from "./old-key-gone";
import { storeAndLinkReplacement } from "./replacement-key";
import { requireState, type RotationOptions } from "./rotation-context";

export interface NewKeySecretsInput {
  label?: string;
  apiKey: string;
  secretKey: string;
  passphrase: string;
}

/** Step 2 (guided): store the new key exactly like "Add key" would, with the old key's metadata, and link it. */
export async function enterNewKey(rotationId: string, input: NewKeySecretsInput, opts: RotationOptions = {}): Promise<void> {
  let rot = await reconcilePendingKey(await loadRotation(rotationId), opts);
  if (rot.mode !== "guided") throw new RotationError("This is an automated rotation: Keywarden creates the new key itself.");
  requireState(rot, "planned");
  const old = await getKey(rot.oldKeyId);
  const label = (input.label ?? "").trim() || rot.data.plan?.newLabel || `${old.label} (new)`;
  // Refused input must leave the rotation as it was, so it is checked before the intent below is committed (a
  // refused key would otherwise leave a pending-key intent behind).
  parseInput(keyMetadataSchema.pick({ label: true }).extend(keySecretsSchema.shape), {
    label,
    apiKey: input.apiKey,
    secretKey: input.secretKey,
    passphrase: input.passphrase,
  });
  const prisma = await db();
  if (await prisma.apiKey.findUnique({ where: { label }, select: { id: true } })) {
    throw new ValidationError({ label: ["Another key already has this label."] });
  }
  // Intent first: if the process dies after addKey, reconcilePendingKey links the stored row.
  rot = await commit(rot, { to: "planned", step: "new-key-intent", actor: opts.actor, data: (d) => ({ ...d, pendingKeyLabel: label }), detail: { label } });
  await storeAndLinkReplacement(
    rot,
    old,
    {
      label,
      createdOn: new Date().toISOString().slice(0, 10),
      createdOnSource: "user",
      notes: `Replaces “${old.label}” (rotation started ${rot.createdAt.toISOString().slice(0, 10)}).`,
      apiKey: input.apiKey,
      secretKey: input.secretKey,
      passphrase: input.passphrase,
    },
    opts,
    { detail: (key) => ({ newKeyId: key.id, fingerprint: key.fingerprint, label: key.label }) },
  );
}

/** Verification refused the entered key (wrong account, mistyped secret…): overwrite its secrets with another key's. */
export async function replaceNewKey(rotationId: string, input: NewKeySecretsInput, opts: RotationOptions = {}): Promise<void> {
  const rot = await loadRotation(rotationId);
  if (rot.mode !== "guided") throw new RotationError("Keys created by Keywarden cannot be replaced by hand; abandon and start again instead.");
  requireState(rot, "new_key_stored");
  const key = await replaceSecrets(rot.newKeyId!, { apiKey: input.apiKey, secretKey: input.secretKey, passphrase: input.passphrase }, opts.actor, {
    rotationId: rot.id,
  });
  await commit(rot, {
    to: "new_key_stored",
    step: "new-key-replaced",
    actor: opts.actor,
    data: (d) => ({ ...d, verification: undefined }),
    detail: { newKeyId: key.id, fingerprint: key.fingerprint },
  });
}

export interface RevokeResult {
  done: boolean;
  message: string;
}

/** Step 5 (guided): the user deleted the old key on okx.com; only OKX saying so (50119 on the host that knew it) finishes. */
export async function confirmOldKeyRevoked(rotationId: string, opts: RotationOptions = {}): Promise<RevokeResult> {
  let rot = await loadRotation(rotationId);
  if (rot.mode !== "guided") throw new RotationError("In an automated rotation Keywarden deletes the old key itself.");
  requireState(rot, "switched");
  const check = await checkKey(rot.oldKeyId, { actor: opts.actor, client: opts.client });
  const at = new Date().toISOString();
  if (await provesOldKeyGone(check)) {
    rot = await commit(rot, {
      to: "switched",
      step: "revoke-confirmed",
      actor: opts.actor,
      data: (d) => ({ ...d, revokeCheck: { at, outcome: check.outcome, code: check.code, message: check.message } }),
      detail: { checkId: check.id, code: check.code },
    });
    await finishRotation(rot, { code: check.code, how: "account/config of the old key" }, opts.actor);
    return { done: true, message: `OKX no longer knows the old key (${check.code}). It is retired and its secrets are destroyed.` };
  }
  const message = notYetGone(check);
  await commit(rot, {
    to: "switched",
    step: "revoke-not-yet",
    actor: opts.actor,
    data: (d) => ({ ...d, revokeCheck: { at, outcome: check.outcome, code: check.code, message } }),
    detail: { checkId: check.id, outcome: check.outcome, code: check.code },
  });
  return { done: false, message };
}

function notYetGone(check: CheckDto): string {
  if (check.outcome === "ok") return "The old key still works: OKX answered it normally. Delete it on okx.com (Profile → API → Delete), then check again.";
  if (check.outcome === "ip_blocked")
    return "The old key still exists on OKX (it answered 50110: this machine is not in its IP allowlist). Delete it on okx.com, then check again.";
  if (check.code === "50119") {
    return "OKX's host for this entity says it does not know the old key (50119), but it never answered for it before, so that does not prove the key was deleted (it may belong to another OKX entity). Its secrets are kept. Check the old key's region, then check again.";
  }
  return `Keywarden could not confirm the old key is gone: ${check.code ? `OKX ${check.code}: ` : ""}${adviceForCode(check.code, check.skewMs) ?? check.message}. Try again.`;
}
