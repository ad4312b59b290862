"use server";
// "This app was compromised": open the incident, confirm and advance it, or cancel it before confirmation. Each action
// re-checks the session (guardedForm) and calls lib/incident; the page re-renders with the stored progress.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { advanceIncident, cancelIncident, openIncident } from "@/lib/incident";
import { guardedForm, isRecordId, textIdOf } from "@/lib/session/guarded-action";
import type { FormState } from "@/lib/session/form-state";

export async function openIncidentAction(consumerId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  let id = "";
  const state = await guardedForm({}, async () => {
    id = await openIncident(textIdOf(consumerId));
  });
  if (state.ok) redirect(`/incidents/${id}`);
  return state;
}

export async function advanceIncidentAction(incidentId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const state = await guardedForm({ ids: [incidentId] }, async () => {
    const r = await advanceIncident(incidentId);
    return {
      ok: true,
      message:
        r.state === "done"
          ? "Every key is verified gone on OKX and its secrets are destroyed."
          : `${r.gone} verified gone, ${r.left} left: delete ${r.left === 1 ? "it" : "them"} on okx.com as shown, then check again.`,
    };
  });
  if (isRecordId(incidentId)) revalidatePath(`/incidents/${incidentId}`);
  return state;
}

export async function cancelIncidentAction(incidentId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const state = await guardedForm({ ids: [incidentId] }, async () => {
    await cancelIncident(incidentId);
    return { ok: true, message: "Incident cancelled; nothing was revoked." };
  });
  if (isRecordId(incidentId)) revalidatePath(`/incidents/${incidentId}`);
  return state;
}
