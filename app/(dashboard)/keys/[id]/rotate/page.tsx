import Link from "next/link";
import { loadRotatePage } from "@/lib/pages/rotate-data";
import type { RotationDto, RotationPlan } from "@/lib/rotation";
import { consumerText, permWord } from "@/lib/domain";
import { formatDateTime } from "@/components/format";
import { RotationStepList } from "@/components/rotation/rotation-step-list";
import { SecretReveal } from "@/components/rotation/secret-reveal";
import { StepHeading } from "@/components/rotation/step-heading";
import { AbandonForm, ActionButton, CreateKeyForm, NewKeyForm } from "@/components/rotation/step-forms";
import * as act from "./actions";
import { sessionPage } from "@/lib/session/session-page";

export const metadata = { title: "Rotate key" };

const card = "space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";
const muted = "text-sm text-zinc-700 dark:text-zinc-300";

function PlanView({ plan }: { plan: RotationPlan }) {
  return (
    <section aria-labelledby="plan" className={card}>
      <h2 id="plan" className="text-lg font-medium">
        Plan
      </h2>
      {plan.fallbackReason && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          Automated rotation is not possible: {plan.fallbackReason} Follow the steps on okx.com instead.
        </p>
      )}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Permissions for the new key</dt>
          <dd>
            {plan.targetPerms.map(permWord).join(" + ")}
            {plan.oldPerms && <span className="text-zinc-600 dark:text-zinc-400"> (old key: {plan.oldPerms.map(permWord).join(" + ")})</span>}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Label</dt>
          <dd>{plan.newLabel}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-zinc-600 dark:text-zinc-400">IP binding</dt>
          <dd>{plan.ipAdvice}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-zinc-600 dark:text-zinc-400">Consumers to update</dt>
          <dd>{plan.consumers.length ? plan.consumers.map(consumerText).join(", ") : "none recorded"}</dd>
        </div>
      </dl>
      <h3 className="text-sm font-medium">{plan.mode === "automated" ? "What Keywarden will do" : "On okx.com"}</h3>
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        {plan.instructions.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </section>
  );
}

function Refusals({ r }: { r: RotationDto }) {
  if (!r.verification || r.verification.ok) return null;
  return (
    <div role="alert" className="space-y-2 rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
      <p className="font-medium">Not accepted ({formatDateTime(r.verification.at)}):</p>
      <ul className="list-disc space-y-1 pl-5">
        {r.verification.refusals.map((x) => (
          <li key={x.code}>{x.message}</li>
        ))}
      </ul>
    </div>
  );
}

const AWAITING_COPY = "First reveal the new key’s credentials and confirm you copied them (above). Until then the old key stays and keeps working.";

/** Shown above every step until "I have copied them": kept in one place so a step change does not unmount it. */
function RevealBox({ r, keyId }: { r: RotationDto; keyId: string }) {
  const bind = <A extends unknown[], R>(fn: (keyId: string, rotationId: string, ...a: A) => R) => fn.bind(null, keyId, r.id);
  const lost = r.discardedKeys.at(-1);
  return (
    <>
      {lost && r.reveal?.phase !== "confirmed" && (
        <p role="status" className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800">
          The key {lost.fingerprint}, whose credentials were lost before they were copied, was deleted on OKX {formatDateTime(lost.at)}.
        </p>
      )}
      {r.reveal && r.reveal.phase !== "confirmed" && (
        <SecretReveal
          key={r.reveal.keyId}
          keyId={r.reveal.keyId}
          phase={r.reveal.phase}
          shownAt={r.reveal.shownAt}
          reveal={bind(act.revealAction)}
          confirm={bind(act.confirmCopiedAction)}
          replace={bind(act.replaceUnrevealedAction)}
        />
      )}
    </>
  );
}

function CurrentStep({ r, keyId }: { r: RotationDto; keyId: string }) {
  const bind = <A extends unknown[], R>(fn: (keyId: string, rotationId: string, ...a: A) => R) => fn.bind(null, keyId, r.id);
  const automated = r.mode === "automated";
  const awaitingCopy = r.reveal !== null && r.reveal.phase !== "confirmed";
  switch (r.current) {
    case "new-key":
      return automated ? (
        <div className="space-y-3">
          {r.state === "creating" && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
              Creating the new key was interrupted{r.lastError ? `: ${r.lastError.message}` : "."} Retrying is safe: Keywarden first looks for a key it already
              created.
            </p>
          )}
          <CreateKeyForm
            action={bind(act.createNewKeyAction)}
            defaultIps={(r.plan.oldIps ?? []).join(", ")}
            ipRequired={r.plan.ipRequired}
            submitLabel={r.state === "creating" ? "Retry creating the new key" : "Create the new key on OKX"}
          />
        </div>
      ) : (
        <NewKeyForm action={bind(act.enterNewKeyAction)} defaultLabel={r.plan.newLabel} submitLabel="Store the new key" />
      );
    case "verify":
      return (
        <div className="space-y-4">
          <p className={muted}>
            Keywarden asks OKX what the new key “{r.newKey?.label}” ({r.newKey?.fingerprint}) can do and checks it is on the same account, no more powerful than
            needed, and IP-bound where required.
          </p>
          <Refusals r={r} />
          <ActionButton action={bind(act.verifyAction)} pendingText="Asking OKX…">
            Verify with OKX
          </ActionButton>
          {r.canOverride && (
            <ActionButton
              action={bind(act.verifyAction)}
              hidden={{ override: "1" }}
              pendingText="Asking OKX…"
            >{`Continue anyway (${r.overrideReasons.join("; ")}; logged)`}</ActionButton>
          )}
          {!automated && (
            <details className="text-sm">
              <summary className="cursor-pointer">Entered the wrong key? Enter a different one</summary>
              <div className="pt-3">
                <NewKeyForm action={bind(act.replaceNewKeyAction)} defaultLabel="" withLabel={false} submitLabel="Replace the new key" />
              </div>
            </details>
          )}
        </div>
      );
    case "switch":
      return (
        <div className="space-y-3">
          <p className={muted}>
            Put the new key into each consumer, restart it, and tick it off. For a file the scan found, Keywarden can write the new key into it (the original is
            kept beside it as a backup) and ticks it once the file reads back with the new key. Both keys keep working until the last step.
          </p>
          {awaitingCopy ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">{AWAITING_COPY}</p>
          ) : (
            <>
              <ul className="space-y-2">
                {r.consumers.map((c, i) => (
                  <li
                    key={`${i}-${c.name}`}
                    className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-700"
                  >
                    <span className="text-sm">
                      {c.done ? "✓ " : ""}
                      {consumerText(c)}
                      {c.done && <span className="text-zinc-600 dark:text-zinc-400"> — switched</span>}
                      {c.path && <span className="block break-all font-mono text-xs text-zinc-600 dark:text-zinc-400">{c.path}</span>}
                      {c.written && (
                        <span className="block text-xs text-emerald-800 dark:text-emerald-300">
                          New key written into the file {formatDateTime(c.written.at)} and read back; the original is kept as{" "}
                          <span className="break-all font-mono">{c.written.backup}</span>.
                        </span>
                      )}
                    </span>
                    <div className="flex flex-wrap items-start gap-2">
                      {c.path && !c.done && (
                        <ActionButton action={bind(act.writeFileAction)} hidden={{ index: String(i) }} pendingText="Writing…">
                          Write the new key into this file
                        </ActionButton>
                      )}
                      <ActionButton action={bind(act.consumerAction)} hidden={{ index: String(i), done: c.done ? "0" : "1" }}>
                        {c.done ? `Undo “${c.name}”` : `Mark “${c.name}” switched`}
                      </ActionButton>
                    </div>
                  </li>
                ))}
              </ul>
              {/* Keyed by progress so a "tick every consumer first" message does not outlive the ticks. */}
              <ActionButton key={r.consumers.filter((c) => c.done).length} action={bind(act.consumersDoneAction)}>
                All consumers switched: continue
              </ActionButton>
            </>
          )}
        </div>
      );
    case "revoke":
      return automated ? (
        <div className="space-y-3">
          <p className={muted}>
            Keywarden deletes the old key “{r.oldKey.label}” through the master key, then confirms OKX no longer knows it. Its secrets are destroyed only after
            that.
          </p>
          {r.lastError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">{r.lastError.message}</p>}
          {awaitingCopy ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">{AWAITING_COPY}</p>
          ) : (
            <ActionButton action={bind(act.deleteOldAction)} variant="danger" pendingText="Deleting on OKX…">
              {r.state === "deleting" ? "Retry deleting the old key" : "Delete the old key on OKX"}
            </ActionButton>
          )}
        </div>
      ) : (
        <div className="space-y-3">
          <p className={muted}>
            On okx.com, delete the old key “{r.oldKey.label}” ({r.oldKey.fingerprint}). Then let Keywarden confirm OKX no longer knows it; only then are its
            secrets destroyed.
          </p>
          {r.revokeCheck && (
            <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
              Last check {formatDateTime(r.revokeCheck.at)}: {r.revokeCheck.message}
            </p>
          )}
          <ActionButton action={bind(act.revokeAction)} pendingText="Asking OKX…">
            I deleted it: check with OKX
          </ActionButton>
        </div>
      );
    case "done":
      return (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          Rotation finished {r.endedAt ? formatDateTime(r.endedAt) : ""}. “{r.oldKey.label}” is retired and its secrets are destroyed;{" "}
          {r.newKey ? (
            <Link className="underline" href={`/keys/${r.newKey.id}`}>
              “{r.newKey.label}”
            </Link>
          ) : (
            "the new key"
          )}{" "}
          replaces it.
        </p>
      );
    default:
      return null;
  }
}

export default sessionPage<{ id: string }, { r?: string }>(async ({ params, searchParams }) => {
  const { id } = params;
  const { r: shown } = searchParams;
  const { key, rotation, history, plan } = await loadRotatePage(id, shown);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/keys/${id}`} className="text-sky-700 underline dark:text-sky-400">
          ← {key.label}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">Rotate “{key.label}”</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {rotation
            ? `${rotation.mode === "automated" ? "Automated" : "Guided"} rotation, started ${formatDateTime(rotation.createdAt)}: ${rotation.stateText}.`
            : "Replace this key with a new one without breaking what uses it."}
        </p>
      </div>

      {rotation && <RotationStepList steps={rotation.steps} />}
      {rotation?.state === "abandoned" && (
        <p role="status" className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800">
          This rotation was abandoned. The old key is still stored and working
          {rotation.abandon?.newKey === "kept" && rotation.newKey ? (
            <>
              ; the new key{" "}
              <Link className="underline" href={`/keys/${rotation.newKey.id}`}>
                “{rotation.newKey.label}”
              </Link>{" "}
              is kept
            </>
          ) : rotation.abandon?.newKey === "deleted" ? (
            "; the new key was deleted"
          ) : (
            ""
          )}
          .
        </p>
      )}
      {plan && <PlanView plan={plan} />}

      {rotation && rotation.current && (
        <section aria-labelledby="current" className={card}>
          <StepHeading id="current" focusKey={`${rotation.current}:${rotation.reveal?.phase === "confirmed"}:${rotation.reveal?.keyId ?? ""}`}>
            {rotation.steps.find((s) => s.id === rotation.current)?.title}
          </StepHeading>
          <RevealBox r={rotation} keyId={id} />
          <CurrentStep r={rotation} keyId={id} />
        </section>
      )}

      {(!rotation || rotation.state === "abandoned") && key.status === "active" && key.hasSecrets && (
        <section aria-labelledby="start" className={card}>
          <h2 id="start" className="text-lg font-medium">
            Start
          </h2>
          <p className={muted}>
            {key.subAcct && key.parentKeyId
              ? "This is a sub-account key: Keywarden will try to create and delete keys itself through its master key."
              : "This is a master-account key: you create and delete keys on okx.com, Keywarden checks each step."}
          </p>
          <ActionButton action={act.startRotationAction.bind(null, id)} pendingText="Starting…">
            {rotation ? "Start a new rotation" : "Start rotation"}
          </ActionButton>
        </section>
      )}

      {rotation && !rotation.endedAt && (
        <section aria-labelledby="abandon" className="space-y-2">
          <h2 id="abandon" className="text-lg font-medium text-red-800 dark:text-red-300">
            Abandon
          </h2>
          <AbandonForm action={act.abandonAction.bind(null, id, rotation.id)} hasNewKey={!!rotation.newKey} automated={rotation.mode === "automated"} />
        </section>
      )}

      {history.length > 0 && (
        <section aria-labelledby="history" className="space-y-2">
          <h2 id="history" className="text-lg font-medium">
            Earlier rotations
          </h2>
          <ul className="space-y-1 text-sm">
            {history.map((h) => (
              <li key={h.id}>
                <Link className="text-sky-700 underline dark:text-sky-400" href={`/keys/${h.oldKeyId}/rotate?r=${h.id}`}>
                  {formatDateTime(h.createdAt)}
                </Link>{" "}
                — {h.mode}, {h.stateText}
                {h.oldKeyId !== id ? ` (this key replaced “${h.oldKeyLabel}”)` : h.newKeyLabel ? ` → “${h.newKeyLabel}”` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
});
