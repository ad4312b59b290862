import Link from "next/link";
import { notFound } from "next/navigation";
import { loadConsumerPage } from "@/lib/pages/consumer-data";
import { formatDateTime, ageDays } from "@/components/format";
import { PermBadges } from "@/components/audit/badges";
import { TopPermBadge } from "@/components/consumers/perm-word-badge";
import { ActionButton } from "@/components/rotation/step-forms";
import { openIncidentAction } from "../../incidents/actions";
import { sessionPage } from "@/lib/session/session-page";
import { TableHead } from "@/components/table-head";

export const metadata = { title: "Consumer" };

const card = "space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";

export default sessionPage<{ id: string }>(async ({ params }) => {
  const id = decodeURIComponent(params.id);
  const { consumer, incidents } = await loadConsumerPage(id);
  if (!consumer && !incidents.length) notFound();
  const open = incidents.find((i) => !i.endedAt);
  const title = consumer?.display ?? incidents[0].consumerName;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/consumers" className="text-sky-700 underline dark:text-sky-400">
          ← Consumers
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {consumer && (
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
            Holds {consumer.keys.length} key{consumer.keys.length === 1 ? "" : "s"} · most dangerous permission <TopPermBadge perm={consumer.topPerm} />
            {consumer.oldestRotation && <> · oldest rotation {consumer.oldestRotation}</>}
          </p>
        )}
      </div>

      {consumer ? (
        <section aria-labelledby="keys" className="space-y-2">
          <h2 id="keys" className="text-lg font-medium">
            Keys it holds
          </h2>
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Keys held by {consumer.display}, most dangerous first</caption>
              <TableHead columns={["Key", "Permissions", "Account", "Last rotated", "Files"]} />
              <tbody>
                {consumer.keys.map((k) => (
                  <tr key={k.keyId} className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800">
                    <th scope="row" className="px-3 py-2 font-normal">
                      <Link href={`/keys/${k.keyId}`} className="text-sky-700 underline dark:text-sky-400">
                        {k.label}
                      </Link>
                      <span className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">
                        {k.fingerprint}
                        {k.demo ? " · demo" : ""}
                      </span>
                    </th>
                    <td className="px-3 py-2">
                      <PermBadges perm={k.perm} />
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                        {k.permSource === "check"
                          ? `last check ${formatDateTime(k.permAt)}`
                          : k.permSource === "master-listing"
                            ? `master key's listing ${formatDateTime(k.permAt)}`
                            : "OKX never said"}
                      </span>
                    </td>
                    <td className="px-3 py-2">{k.subAcct ? `sub-account ${k.subAcct}` : "master account"}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {k.lastRotatedOn}{" "}
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                        {k.lastRotatedHow === "rotation" ? "by a rotation" : "created"}, {ageDays(k.lastRotatedOn)} days ago
                      </span>
                    </td>
                    <td className="px-3 py-2">
                      {k.paths.length ? (
                        k.paths.map((p) => (
                          <span key={p} className="block break-all font-mono text-xs">
                            {p}
                          </span>
                        ))
                      ) : (
                        <span className="text-zinc-600 dark:text-zinc-400">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">This app holds no active key any more.</p>
      )}

      {consumer && (
        <section aria-labelledby="compromised" className={`${card} border-red-300 dark:border-red-900`}>
          <h2 id="compromised" className="text-lg font-medium text-red-800 dark:text-red-300">
            Compromised?
          </h2>
          {open ? (
            <p className="text-sm">
              An incident is open for this app ({open.stateText}).{" "}
              <Link href={`/incidents/${open.id}`} className="text-sky-700 underline dark:text-sky-400">
                Continue the incident
              </Link>
            </p>
          ) : (
            <>
              <p className="text-sm text-zinc-700 dark:text-zinc-300">
                If this app (or the machine it runs on) leaked its keys, revoke every key it holds. Keywarden shows the plan first, most dangerous key first;
                nothing is deleted until you confirm.
              </p>
              <ActionButton action={openIncidentAction.bind(null, consumer.id)} variant="danger" pendingText="Opening…">
                This app was compromised
              </ActionButton>
            </>
          )}
        </section>
      )}

      {incidents.length > 0 && (
        <section aria-labelledby="incidents" className="space-y-2">
          <h2 id="incidents" className="text-lg font-medium">
            Incidents
          </h2>
          <ul className="space-y-1 text-sm">
            {incidents.map((i) => (
              <li key={i.id}>
                <Link href={`/incidents/${i.id}`} className="text-sky-700 underline dark:text-sky-400">
                  {formatDateTime(i.createdAt)}
                </Link>{" "}
                — {i.stateText} ({i.gone} of {i.items.length} keys gone) ·{" "}
                <a href={`/api/incidents/${i.id}/report`} className="text-sky-700 underline dark:text-sky-400" download>
                  report
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
});
