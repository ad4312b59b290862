"use server";
// Settings → Scan: start and cancel a background scan, add a key the scan found. The add sends only the scan row's
// id and the key's metadata: its secret and passphrase are read from the file on the server.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { addKeyFromScan, cancelScanJob, startScanJob } from "@/lib/scan";
import { requireSession } from "@/lib/session/session";
import { formValues, guardedForm, rowIdOf } from "@/lib/session/guarded-action";
import { toUserError } from "@/lib/errors/to-user-message";
import type { FormState } from "@/lib/session/form-state";

const PAGE = "/settings/scan";

export async function startScanAction(rootsText: string): Promise<{ jobId?: string; error?: string; locked?: boolean }> {
  try {
    await requireSession();
    // Over HTTP the argument can be anything (String() of {toString: ""} throws: found by issue 17's fuzzing).
    const roots = (typeof rootsText === "string" ? rootsText : "").split("\n").map((l) => l.trim()).filter(Boolean);
    return { jobId: await startScanJob(roots) };
  } catch (err) {
    const e = toUserError(err);
    const detail = e.fieldErrors ? Object.values(e.fieldErrors).flat()[0] : undefined;
    return { error: detail ?? e.message, ...(e.code === "locked" ? { locked: true } : {}) };
  }
}

export async function cancelScanAction(jobId: string): Promise<{ ok: boolean }> {
  await requireSession();
  return { ok: typeof jobId === "string" && cancelScanJob(jobId) };
}

export async function addFromScanAction(scanFileId: number, _prev: FormState, form: FormData): Promise<FormState> {
  let id = "";
  const state = await guardedForm(formValues(form), async () => {
    const fileId = rowIdOf(scanFileId);
    const createdOn = form.get("createdOnUnknown") === "on" ? "unknown" : String(form.get("createdOn") ?? "");
    const { key } = await addKeyFromScan(fileId, { label: String(form.get("label") ?? ""), purpose: String(form.get("purpose") ?? ""), createdOn });
    id = key.id;
  }, { form });
  if (state.ok) {
    revalidatePath(PAGE);
    redirect(`/keys/${id}?added=1`);
  }
  return state;
}
