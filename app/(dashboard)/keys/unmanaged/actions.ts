"use server";
// Adopt an unmanaged key, or delete it on OKX. Forms name the key by its listing row id, never by its public key.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { adoptUnmanagedKey } from "@/lib/unmanaged/adopt-key";
import { deleteUnmanagedOnOkx } from "@/lib/unmanaged/delete-on-okx";
import { guardedForm, rowIdOf } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";

export async function adoptUnmanagedAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  let keyId = "";
  const state = await guardedForm({ form }, async (input) => {
    const key = await adoptUnmanagedKey(rowIdOf(id), {
      label: input.text("label"),
      purpose: input.text("purpose"),
      usedBy: input.text("usedBy"),
      // The public key comes from the master key's listing, never from the form.
      secretKey: input.text("secretKey"),
      passphrase: input.text("passphrase"),
    });
    keyId = key.id;
  });
  if (state.ok) {
    revalidatePath("/keys");
    redirect(`/keys/${keyId}?adopted=1`);
  }
  return state;
}

export async function deleteUnmanagedOnOkxAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await guardedForm({ form }, async (input) => {
    await deleteUnmanagedOnOkx(rowIdOf(id), { confirm: input.text("confirm") });
  });
  if (state.ok) {
    revalidatePath("/keys");
    redirect("/keys?deletedOnOkx=1");
  }
  return state;
}
