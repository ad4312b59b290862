"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { checkKey, startCheckAllJob } from "@/lib/checks";
import { requireSession } from "@/lib/session/session";
import { guardedForm } from "@/lib/session/guarded-action";
import { toUserError } from "@/lib/errors/to-user-message";
import type { FormState } from "@/lib/session/form-state";

const idsSchema = z.array(z.string().uuid()).max(5000).optional();

export async function startCheckJobAction(keyIds?: string[]): Promise<{ jobId?: string; error?: string }> {
  try {
    await requireSession();
    const ids = idsSchema.parse(keyIds);
    return { jobId: startCheckAllJob(ids) };
  } catch (err) {
    return { error: toUserError(err).message };
  }
}

export async function checkNowAction(keyId: string, _prev: FormState): Promise<FormState> {
  return guardedForm({}, async () => {
    const check = await checkKey(keyId, { actor: "web" });
    revalidatePath(`/keys/${keyId}`);
    return check.outcome === "ok"
      ? { ok: true, message: `OKX answered in ${check.latencyMs} ms: the key works.` }
      : { ok: false, message: `OKX: ${check.message}${check.code ? ` (code ${check.code})` : ""}` };
  });
}
