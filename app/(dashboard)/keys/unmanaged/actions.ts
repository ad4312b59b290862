"use server";
// Adopt an unmanaged key, or delete it on OKX. Forms name the key by its listing row id, never by its public key.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { adoptUnmanagedKey } from "@/lib/unmanaged/adopt-key";
import { deleteUnmanagedOnOkx } from "@/lib/unmanaged/delete-on-okx";
import { formValues, guardedForm, rowIdOf } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";

const SECRET_FIELDS = ["secretKey", "passphrase"];

export async function adoptUnmanagedAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  let keyId = "";
  const state = await guardedForm(formValues(form, SECRET_FIELDS), async () => {
    const key = await adoptUnmanagedKey(rowIdOf(id), {
      label: String(form.get("label") ?? ""),
      purpose: String(form.get("purpose") ?? ""),
      usedBy: String(form.get("usedBy") ?? ""),
      secretKey: String(form.get("secretKey") ?? ""),
      passphrase: String(form.get("passphrase") ?? ""),
    });
    keyId = key.id;
  }, { form });
  if (state.ok) {
    revalidatePath("/keys");
    redirect(`/keys/${keyId}?adopted=1`);
  }
  return state;
}

export async function deleteUnmanagedOnOkxAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm(formValues(form), async () => {
    await deleteUnmanagedOnOkx(rowIdOf(id), { confirm: String(form.get("confirm") ?? "") });
  }, { form });
  if (state.ok) {
    revalidatePath("/keys");
    redirect("/keys?deletedOnOkx=1");
  }
  return state;
}
