"use server";
// One server action per wizard step. Each re-checks the session (guardedForm), checks the rotation belongs to the
// key in the URL, calls lib/rotation, and refreshes the wizard. Secrets typed in are never echoed back.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import {
  abandonRotation,
  confirmConsumersSwitched,
  confirmOldKeyRevoked,
  confirmSecretsCopied,
  createNewKey,
  deleteOldKey,
  enterNewKey,
  replaceNewKey,
  replaceUnrevealedKey,
  revealNewSecret,
  rotationBelongsTo,
  setConsumerSwitched,
  startRotation,
  verifyRotation,
  writeConsumerFile,
} from "@/lib/rotation";
import { guardedForm, isRecordId } from "@/lib/session/guarded-action";
import type { FormInput } from "@/lib/session/form-input";
import { keySecretFields } from "@/lib/keys/key-form-fields";
import type { FormState } from "@/lib/session/form-state";
import type { RevealState } from "@/components/rotation/reveal-state";

const page = (keyId: string) => `/keys/${keyId}/rotate`;

/** The new key's form in a guided rotation: its label and its three credentials. */
function newKeyFields(input: FormInput) {
  return { label: input.text("label"), ...keySecretFields(input) };
}

/** One wizard step: the rotation must be this key's. `posted.form` is the step's form; {} for a step that reads none. */
async function step(keyId: string, rotationId: string, posted: { form?: unknown }, fn: (input: FormInput) => Promise<FormState | void>): Promise<FormState> {
  const state = await guardedForm({ ids: [keyId, rotationId], ...posted }, async (input) => {
    await rotationBelongsTo(rotationId, keyId);
    return fn(input);
  });
  if (isRecordId(keyId)) revalidatePath(page(keyId));
  return state;
}

export async function startRotationAction(keyId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  let id = "";
  const state = await guardedForm({ ids: [keyId] }, async () => {
    id = (await startRotation(keyId)).rotationId;
  });
  if (state.ok) redirect(`${page(keyId)}?r=${id}`);
  return state;
}

export async function enterNewKeyAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async (input) => {
    await enterNewKey(rotationId, newKeyFields(input));
    return { ok: true, message: "New key stored encrypted. Now verify it with OKX." };
  });
}

export async function replaceNewKeyAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async (input) => {
    await replaceNewKey(rotationId, newKeyFields(input));
    return { ok: true, message: "The new key's credentials were replaced. Verify again." };
  });
}

export async function createNewKeyAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async (input) => {
    const r = await createNewKey(rotationId, { ips: input.text("ips") });
    return r.created
      ? { ok: true, message: "New key created on OKX and stored encrypted. Reveal its secret below." }
      : { ok: false, message: r.fallbackReason };
  });
}

export async function revealAction(keyId: string, rotationId: string, _prev: RevealState, _form: FormData): Promise<RevealState> {
  let secrets: RevealState["secrets"];
  const state = await step(keyId, rotationId, {}, async () => {
    secrets = await revealNewSecret(rotationId);
  });
  return state.ok ? { ok: true, secrets } : { ok: false, message: state.message };
}

export async function confirmCopiedAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async (input) => {
    await confirmSecretsCopied(rotationId, input.text("keyId"));
    return { ok: true, message: "Noted: the new key's credentials are copied. Continue with the next step." };
  });
}

export async function replaceUnrevealedAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async () => {
    const r = await replaceUnrevealedKey(rotationId);
    return r.created
      ? { ok: true, message: "The unrevealed key is deleted on OKX. Another new key was created: reveal its credentials." }
      : { ok: false, message: r.fallbackReason };
  });
}

export async function verifyAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async (input) => {
    const r = await verifyRotation(rotationId, { override: input.text("override") === "1" });
    if (r.ok)
      return {
        ok: true,
        message: r.overridden ? "Verified, with your override (logged)." : "Verified: the new key works and is no more powerful than it should be.",
      };
    return { ok: false, message: "The new key was not accepted. See the reasons above." };
  });
}

export async function consumerAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async (input) => {
    await setConsumerSwitched(rotationId, Number(input.text("index")), input.text("done") === "1");
  });
}

export async function writeFileAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async (input) => {
    const r = await writeConsumerFile(rotationId, Number(input.text("index")));
    return {
      ok: true,
      message: `Wrote the new key into ${r.path} and read it back: it holds the new key, not the old one. The original is kept as ${r.backup}.`,
    };
  });
}

export async function consumersDoneAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async () => {
    await confirmConsumersSwitched(rotationId);
  });
}

export async function revokeAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async () => {
    const r = await confirmOldKeyRevoked(rotationId);
    // Not yet: the step itself shows the answer ("Last check …"), so the form does not print it a second time.
    return { ok: r.done, message: r.done ? r.message : undefined };
  });
}

export async function deleteOldAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, { form }, async () => {
    const r = await deleteOldKey(rotationId);
    return { ok: r.done, message: r.message };
  });
}

export async function abandonAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await step(keyId, rotationId, { form }, async (input) => {
    await abandonRotation(rotationId, { deleteNewKey: input.checked("deleteNewKey") });
  });
  if (state.ok) redirect(`${page(keyId)}?r=${rotationId}`);
  return state;
}
