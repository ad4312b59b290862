"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { checkKey, startCheckAllJob } from "@/lib/checks";
import { checkNowMessage } from "@/lib/checks/check-advice";
import { requireSession } from "@/lib/session/session";
import { guardedForm } from "@/lib/session/guarded-action";
import { toUserError } from "@/lib/errors/to-user-message";
import type { FormState } from "@/lib/session/form-state";

const idsSchema = z.array(z.string().uuid()).max(5000).optional();

export async function startCheckJobAction(keyIds?: string[]): Promise<{ jobId?: string; error?: string; locked?: boolean }> {
  try {
    await requireSession();
    const ids = idsSchema.safeParse(keyIds);
    if (!ids.success) return { error: "Choose keys from the list: one of them is not a key Keywarden knows." };
    return { jobId: startCheckAllJob(ids.data) };
  } catch (err) {
    const e = toUserError(err);
    return { error: e.message, ...(e.code === "locked" ? { locked: true } : {}) };
  }
}

export async function checkNowAction(keyId: string, _prev: FormState): Promise<FormState> {
  return guardedForm({}, async () => {
    const check = await checkKey(keyId, { actor: "web" });
    revalidatePath(`/keys/${keyId}`);
    // OKX's code and words plus the plain advice for the code, the clock skew if it matters, and for a
    // master key what sub-account discovery found.
    return { ok: check.outcome === "ok", message: checkNowMessage(check) };
  }, { ids: [keyId] });
}
