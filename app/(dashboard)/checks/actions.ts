"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { checkKey, startCheckAllJob } from "@/lib/checks";
import { checkNowMessage } from "@/lib/checks/check-advice";
import { guardedCall, guardedForm, type Refusal } from "@/lib/session/guarded-action";
import { ValidationError } from "@/lib/errors/app-error";
import type { FormState } from "@/lib/session/form-state";

const idsSchema = z.array(z.string().uuid()).max(5000).optional();

export async function startCheckJobAction(keyIds?: string[]): Promise<{ jobId: string } | Refusal> {
  return guardedCall(async () => {
    const ids = idsSchema.safeParse(keyIds);
    if (!ids.success) throw new ValidationError({ keyIds: ["Choose keys from the list: one of them is not a key Keywarden knows."] });
    return { jobId: startCheckAllJob(ids.data) };
  });
}

export async function checkNowAction(keyId: string, _prev: FormState): Promise<FormState> {
  return guardedForm({ ids: [keyId] }, async () => {
    const check = await checkKey(keyId, { actor: "web" });
    revalidatePath(`/keys/${keyId}`);
    // OKX's code and words plus the plain advice for the code, the clock skew if it matters, and for a
    // master key what sub-account discovery found.
    return { ok: check.outcome === "ok", message: checkNowMessage(check) };
  });
}
