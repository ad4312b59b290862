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
import { formValues, guardedForm, isRecordId } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";
import type { RevealState } from "@/components/rotation/reveal-state";

const SECRET_FIELDS = ["apiKey", "secretKey", "passphrase"];
const page = (keyId: string) => `/keys/${keyId}/rotate`;

function secretsFrom(form: FormData) {
  return {
    label: String(form.get("label") ?? ""),
    apiKey: String(form.get("apiKey") ?? ""),
    secretKey: String(form.get("secretKey") ?? ""),
    passphrase: String(form.get("passphrase") ?? ""),
  };
}

async function step(keyId: string, rotationId: string, form: FormData | null | undefined, fn: () => Promise<FormState | void>): Promise<FormState> {
  const state = await guardedForm(form ? formValues(form, SECRET_FIELDS) : {}, async () => {
    await rotationBelongsTo(rotationId, keyId);
    return fn();
  }, { ids: [keyId, rotationId], ...(form === null ? {} : { form }) });
  if (isRecordId(keyId)) revalidatePath(page(keyId));
  return state;
}

export async function startRotationAction(keyId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  let id = "";
  const state = await guardedForm({}, async () => {
    id = (await startRotation(keyId)).rotationId;
  }, { ids: [keyId] });
  if (state.ok) redirect(`${page(keyId)}?r=${id}`);
  return state;
}

export async function enterNewKeyAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    await enterNewKey(rotationId, secretsFrom(form));
    return { ok: true, message: "New key stored encrypted. Now verify it with OKX." };
  });
}

export async function replaceNewKeyAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    await replaceNewKey(rotationId, secretsFrom(form));
    return { ok: true, message: "The new key's credentials were replaced. Verify again." };
  });
}

export async function createNewKeyAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    const r = await createNewKey(rotationId, { ips: String(form.get("ips") ?? "") });
    return r.created ? { ok: true, message: "New key created on OKX and stored encrypted. Reveal its secret below." } : { ok: false, message: r.fallbackReason };
  });
}

export async function revealAction(keyId: string, rotationId: string, _prev: RevealState, _form: FormData): Promise<RevealState> {
  let secrets: RevealState["secrets"];
  const state = await step(keyId, rotationId, null, async () => {
    secrets = await revealNewSecret(rotationId);
  });
  return state.ok ? { ok: true, secrets } : { ok: false, message: state.message };
}

export async function confirmCopiedAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    await confirmSecretsCopied(rotationId, String(form.get("keyId") ?? ""));
    return { ok: true, message: "Noted: the new key's credentials are copied. Continue with the next step." };
  });
}

export async function replaceUnrevealedAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    const r = await replaceUnrevealedKey(rotationId);
    return r.created
      ? { ok: true, message: "The unrevealed key is deleted on OKX. Another new key was created: reveal its credentials." }
      : { ok: false, message: r.fallbackReason };
  });
}

export async function verifyAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    const r = await verifyRotation(rotationId, { override: form.get("override") === "1" });
    if (r.ok) return { ok: true, message: r.overridden ? "Verified, with your override (logged)." : "Verified: the new key works and is no more powerful than it should be." };
    return { ok: false, message: "The new key was not accepted. See the reasons above." };
  });
}

export async function consumerAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    await setConsumerSwitched(rotationId, Number(form.get("index")), form.get("done") === "1");
  });
}

export async function writeFileAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    const r = await writeConsumerFile(rotationId, Number(form.get("index")));
    return { ok: true, message: `Wrote the new key into ${r.path} and read it back: it holds the new key, not the old one. The original is kept as ${r.backup}.` };
  });
}

export async function consumersDoneAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    await confirmConsumersSwitched(rotationId);
  });
}

export async function revokeAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    const r = await confirmOldKeyRevoked(rotationId);
    // Not yet: the step itself shows the answer ("Last check …"), so the form does not print it a second time.
    return { ok: r.done, message: r.done ? r.message : undefined };
  });
}

export async function deleteOldAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return step(keyId, rotationId, form, async () => {
    const r = await deleteOldKey(rotationId);
    return { ok: r.done, message: r.message };
  });
}

export async function abandonAction(keyId: string, rotationId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await step(keyId, rotationId, form, async () => {
    await abandonRotation(rotationId, { deleteNewKey: form.get("deleteNewKey") === "on" });
  });
  if (state.ok) redirect(`${page(keyId)}?r=${rotationId}`);
  return state;
}
