"use server";
// Settings → Scan: start and cancel a background scan, add a key the scan found. The add sends only the scan row's
// id and the key's metadata: its secret and passphrase are read from the file on the server.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { addKeyFromScan, cancelScanJob, startScanJob } from "@/lib/scan";
import { guardedCall, guardedForm, rowIdOf, type Refusal } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";
import { CREATED_UNKNOWN } from "@/lib/keys/key-schema";

const PAGE = "/settings/scan";

export async function startScanAction(rootsText: string): Promise<{ jobId: string } | Refusal> {
  return guardedCall(async () => {
    // Over HTTP the argument can be anything (String() of {toString: ""} throws: found by issue 17's fuzzing).
    const roots = (typeof rootsText === "string" ? rootsText : "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    return { jobId: await startScanJob(roots) };
  });
}

export async function cancelScanAction(jobId: string): Promise<{ ok: boolean } | Refusal> {
  return guardedCall(async () => ({ ok: typeof jobId === "string" && cancelScanJob(jobId) }));
}

export async function addFromScanAction(scanFileId: number, _prev: FormState, form: FormData): Promise<FormState> {
  let id = "";
  const state = await guardedForm({ form }, async (input) => {
    const fileId = rowIdOf(scanFileId);
    const createdOn = input.checked("createdOnUnknown") ? CREATED_UNKNOWN : input.text("createdOn");
    const { key } = await addKeyFromScan(fileId, { label: input.text("label"), purpose: input.text("purpose"), createdOn });
    id = key.id;
  });
  if (state.ok) {
    revalidatePath(PAGE);
    redirect(`/keys/${id}?added=1`);
  }
  return state;
}
