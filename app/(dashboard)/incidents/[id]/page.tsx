import Link from "next/link";
import { getIncident, type IncidentDto, type IncidentItemDto } from "@/lib/incident";
import { consumerHref } from "@/lib/consumers/consumer-identity";
import { formatDateTime } from "@/components/format";
import { PermBadges } from "@/components/audit/badges";
import { ActionButton } from "@/components/rotation/step-forms";
import { advanceIncidentAction, cancelIncidentAction } from "../actions";
import { sessionPage } from "@/lib/session/session-page";

export const metadata = { title: "Incident" };

const card = "space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";
const STATUS_CLASS: Record<IncidentItemDto["status"], string> = {
  pending: "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  deleting: "bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-100",
  deleted: "bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-100",
  gone: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
};

function Item({ item, n, planned }: { item: IncidentItemDto; n: number; planned: boolean }) {
  return (
    <li className={card} data-testid="incident-key" data-status={item.status}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="font-medium">
          {n}.{" "}
          {item.status === "gone" ? (
            item.label
          ) : (
            <Link href={`/keys/${item.keyId}`} className="text-sky-700 underline dark:text-sky-400">
              {item.label}
            </Link>
          )}{" "}
          <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{item.fingerprint}</span>
        </h3>
        <span className={`rounded-md px-2 py-0.5 text-xs ${STATUS_CLASS[item.status]}`}>
          {planned ? (item.via === "api" ? "deleted through the API on confirmation" : "you delete it on okx.com") : item.statusText}
        </span>
      </div>
      <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
        <PermBadges perm={item.perm} /> · {item.demo ? "demo" : "live"} · {item.subAcct ? `sub-account ${item.subAcct}` : "master account"}
        {item.via === "api" && item.masterLabel ? ` · through master key “${item.masterLabel}”` : ""}
      </p>
      {item.status === "gone" && (
        <p className="text-sm text-emerald-800 dark:text-emerald-300">
          {item.deletedAt ? `Deleted ${formatDateTime(item.deletedAt)}; verified` : "Verified"} gone {formatDateTime(item.verifiedAt ?? null)}:{" "}
          {item.evidence?.how}. Its secrets are destroyed.
        </p>
      )}
      {item.fallbackReason && <p className="text-sm text-amber-900 dark:text-amber-200">{item.fallbackReason}</p>}
      {item.last && item.status !== "gone" && (
        <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
          Last check {formatDateTime(item.last.at)}: {item.last.message}
        </p>
      )}
      {item.steps.length > 0 && (
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {item.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      )}
    </li>
  );
}

function Summary({ inc }: { inc: IncidentDto }) {
  if (inc.state === "done") {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
        Finished {formatDateTime(inc.endedAt)}: every key this app held is verified gone on OKX and its secrets are destroyed.
      </p>
    );
  }
  if (inc.state === "cancelled")
    return (
      <p role="status" className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800">
        Cancelled before anything was revoked.
      </p>
    );
  return null;
}

export default sessionPage<{ id: string }>(async ({ params }) => {
  const { id } = params;
  const inc = await getIncident(id);
  const planned = inc.state === "planned";
  const apiCount = inc.items.filter((i) => i.via === "api").length;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={consumerHref(inc.consumerId)} className="text-sky-700 underline dark:text-sky-400">
          ← {inc.consumerName}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">Incident: “{inc.consumerName}” was compromised</h1>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Opened {formatDateTime(inc.createdAt)}
          {inc.confirmedAt ? `, confirmed ${formatDateTime(inc.confirmedAt)}` : ""}: {inc.stateText}.{" "}
          <span data-testid="incident-progress">
            {inc.gone} of {inc.items.length} keys verified gone.
          </span>
        </p>
      </div>
      <Summary inc={inc} />

      {planned && (
        <section aria-labelledby="confirm" className={`${card} border-red-300 dark:border-red-900`}>
          <h2 id="confirm" className="text-lg font-medium text-red-800 dark:text-red-300">
            Confirm
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {apiCount > 0
              ? `${apiCount} sub-account key${apiCount === 1 ? " is" : "s are"} deleted through ${apiCount === 1 ? "its" : "their"} master key at once. `
              : ""}
            {inc.items.length - apiCount > 0
              ? `${inc.items.length - apiCount} key${inc.items.length - apiCount === 1 ? "" : "s"} you delete on okx.com with the steps below; Keywarden then verifies each one gone. `
              : ""}
            Every app still using these keys stops working.
          </p>
          <div className="flex flex-wrap gap-3">
            <ActionButton
              action={advanceIncidentAction.bind(null, inc.id)}
              variant="danger"
              pendingText="Revoking…"
            >{`Revoke all ${inc.items.length} keys`}</ActionButton>
            <ActionButton action={cancelIncidentAction.bind(null, inc.id)}>Cancel: it was a false alarm</ActionButton>
          </div>
        </section>
      )}

      <section aria-labelledby="keys" className="space-y-2">
        <h2 id="keys" className="text-lg font-medium">
          Keys, most dangerous first
        </h2>
        <ol className="space-y-3">
          {inc.items.map((item, i) => (
            <Item key={item.keyId} item={item} n={i + 1} planned={planned} />
          ))}
        </ol>
      </section>

      {inc.state === "revoking" && (
        <section aria-labelledby="verify" className={card}>
          <h2 id="verify" className="text-lg font-medium">
            Verify
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            After deleting keys on okx.com, let Keywarden ask OKX. A key counts as gone only when OKX answers that it does not exist (50119) on the host that
            answered for it before; then its secrets are destroyed.
          </p>
          <ActionButton action={advanceIncidentAction.bind(null, inc.id)} pendingText="Asking OKX…">
            Check with OKX
          </ActionButton>
        </section>
      )}

      {!planned && (
        <p className="text-sm">
          <a href={`/api/incidents/${inc.id}/report`} download className="text-sky-700 underline dark:text-sky-400">
            Download the incident report (Markdown)
          </a>
          <span className="text-zinc-600 dark:text-zinc-400"> — what was revoked when, what was verified, what is left.</span>
        </p>
      )}
    </div>
  );
});
