import Link from "next/link";
import { consumerHref, consumerId } from "@/lib/consumers/consumer-identity";
import { consumerLine, consumerText, PERMS, permWord, PURPOSE_LABELS, REGION_LABELS } from "@/lib/domain";
import { loadKeyPage } from "@/lib/pages/key-page-data";
import { requiredPerms } from "@/lib/audit";
import { GradeBadge, PermBadges } from "@/components/audit/badges";
import { FindingCard, findingIds } from "@/components/audit/finding-card";
import { formatDateTime } from "@/components/format";
import { FlashMessage } from "@/components/flash-message";
import { DeleteKeyForm } from "./key-actions-forms";
import { CheckNowForm } from "./check-now-form";
import { describeChanges } from "./check-changes";
import { sessionPage } from "@/lib/session/session-page";
import { explainCheck } from "@/lib/checks/check-advice";
import { SubAccountKeys } from "./sub-account-keys";
import { RotationBanner, rotationHref } from "@/components/rotation/rotation-tag";
import { LastUseForm } from "./last-use-form";
import { CheckOnSave, DetectionNote } from "./check-on-save";
import { TableHead } from "@/components/table-head";

export const metadata = { title: "Key" };

export default sessionPage<{ id: string }, { added?: string; saved?: string; adopted?: string }>(async ({ params, searchParams }) => {
  const { id } = params;
  const { added, saved, adopted } = searchParams;
  const { key, audit, rotation, checks, isMaster, linkedSubKeys, unstoredSubKeys, parentLabel, detected, policy, generatedAt } = await loadKeyPage(id);
  const held = audit?.heldFindings.length ? audit.heldFindings : null;
  const needs = requiredPerms(key.purpose);
  const has = audit?.currentPerm ?? null;
  const lastDiscovery = checks.find((c) => c.discovery !== null) ?? null;
  // The newest check OKX named the account in; a failed check after it does not make the account unknown.
  const withUid = checks.find((c) => c.uid);
  const accountText = withUid
    ? `UID ${withUid.uid}${withUid.mainUid && withUid.mainUid !== withUid.uid ? ` (sub-account of ${withUid.mainUid})` : " (master account)"}${withUid !== checks[0] ? ` · as of ${formatDateTime(withUid.at)}` : ""}`
    : checks.length
      ? `unknown: OKX has not named it in ${checks.length === 1 ? "the check" : `any of ${checks.length} checks`} (last: ${checks[0].code ? `code ${checks[0].code}` : "no answer"})`
      : "not checked yet";
  // Detection is shown while it explains the latest answer; a later check without it supersedes it.
  const detection = detected && checks[0]?.id === detected.checkId ? detected : null;

  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href="/keys" className="text-sky-700 underline dark:text-sky-400">
          ← Keys
        </Link>
      </p>
      {(added || saved) && <FlashMessage>{added ? "Key added. Its secrets are encrypted and will not be shown again." : "Changes saved."}</FlashMessage>}
      {adopted && (
        <FlashMessage>
          Key adopted: OKX answered for it with the secret and passphrase you gave, so it is stored (encrypted) as a sub-account key of its master key.
        </FlashMessage>
      )}
      {added && <CheckOnSave check={checks[0] ?? null} detection={null} />}
      {detection && <DetectionNote detection={detection} keyDto={key} />}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex items-center gap-3">
          {audit && !(rotation?.role === "new" && rotation.awaitingVerify) && <GradeBadge grade={audit.grade} size="lg" />}
          <div>
            <h1 className="text-2xl font-semibold">{key.label}</h1>
            <p className="mt-1 font-mono text-sm text-zinc-600 dark:text-zinc-400">
              {key.fingerprint}
              {key.status === "retired" ? " · retired" : ""}
            </p>
          </div>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {key.status === "active" && key.hasSecrets && <CheckNowForm id={key.id} />}
          {key.status === "active" && !rotation && (
            <Link
              href={`/keys/${key.id}/rotate`}
              className="rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Rotate
            </Link>
          )}
          <Link
            href={`/keys/${key.id}/edit`}
            className="rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Edit details
          </Link>
        </div>
      </div>

      {rotation && <RotationBanner rotation={rotation} />}

      {audit && audit.grade === "?" && (
        <p
          data-testid="grade-unknown"
          className="rounded-md border border-dashed border-zinc-400 px-3 py-2 text-sm text-zinc-800 dark:border-zinc-500 dark:text-zinc-200"
        >
          Grade unknown: OKX has not yet said what this key can do, so Keywarden cannot call it healthy.{" "}
          {audit.ipBinding === "elsewhere"
            ? "It is bound to other IPs; the finding below says how to read it from an allowed machine."
            : "It gets a grade after its first successful check."}
        </p>
      )}

      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm sm:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-900">
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Purpose</dt>
          <dd>{PURPOSE_LABELS[key.purpose]}</dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Region</dt>
          <dd>
            {REGION_LABELS[key.region]}
            {key.host ? ` · host ${key.host}` : ""}
            {key.demo ? " · demo trading" : " · live"}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Age</dt>
          <dd>
            {key.createdOnSource === "added" ? (
              <>
                unknown: at least {audit?.ageDays ?? "?"} days (counted from the day it was added, {key.createdOn}) ·{" "}
                <Link href={`/keys/${key.id}/edit#createdOn`} className="text-sky-700 underline dark:text-sky-400">
                  enter the date
                </Link>
              </>
            ) : (
              <>
                {audit?.ageDays ?? "?"} days (created {key.createdOn}
                {key.createdOnSource === "okx" ? ", from OKX" : ""})
              </>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Rotation due</dt>
          <dd>{audit ? formatDateTime(audit.rotationDueAt).slice(0, 10) : "—"}</dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">OKX account</dt>
          <dd>
            {accountText}
            {key.subAcct ? ` · ${key.subAcct}` : ""}
          </dd>
        </div>
        {(key.subAcct || key.parentKeyId) && (
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Sub-account</dt>
            <dd>
              {key.subAcct ?? "unknown"}
              {key.parentKeyId ? (
                <>
                  {" "}
                  · managed by{" "}
                  {parentLabel ? (
                    <Link href={`/keys/${key.parentKeyId}`} className="text-sky-700 underline dark:text-sky-400">
                      {parentLabel}
                    </Link>
                  ) : (
                    "a master key no longer in Keywarden"
                  )}
                </>
              ) : null}
            </dd>
          </div>
        )}
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Bound IPs</dt>
          <dd>
            {!audit
              ? "unknown"
              : audit.ipBinding === "bound" && audit.currentIp
                ? audit.currentIp.join(", ")
                : audit.ipBinding === "none"
                  ? "none"
                  : audit.ipBinding === "elsewhere"
                    ? "bound to other IPs (OKX refuses this machine: 50110)"
                    : "unknown"}
          </dd>
        </div>
        <div className="sm:col-span-3">
          <dt className="text-zinc-600 dark:text-zinc-400">Used by</dt>
          <dd>
            {key.consumers.length
              ? key.consumers.map((c, i) => (
                  <span key={`${i}:${consumerLine(c)}`}>
                    {i > 0 && ", "}
                    <Link href={consumerHref(consumerId(c))} className="text-sky-700 underline dark:text-sky-400">
                      {consumerText(c)}
                    </Link>
                    {c.path ? ` file:${c.path}` : null}
                  </span>
                ))
              : "not recorded — add it under Edit details so rotation can walk through it"}
          </dd>
        </div>
        {key.notes && (
          <div className="sm:col-span-3">
            <dt className="text-zinc-600 dark:text-zinc-400">Notes</dt>
            <dd className="whitespace-pre-wrap">{key.notes}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="perms" className="space-y-2">
        <h2 id="perms" className="text-lg font-medium">
          Permissions: what it has vs. what its purpose needs
        </h2>
        <table className="text-sm">
          <thead>
            <tr className="text-zinc-600 dark:text-zinc-400">
              <th scope="col" className="py-1 pr-6 text-left font-medium">
                Permission
              </th>
              <th scope="col" className="py-1 pr-6 text-left font-medium">
                OKX says it has
              </th>
              <th scope="col" className="py-1 pr-6 text-left font-medium">
                Purpose needs
              </th>
            </tr>
          </thead>
          <tbody>
            {PERMS.map((p) => {
              const h = has ? has.includes(p) : null;
              const n = needs.includes(p);
              return (
                <tr key={p}>
                  <th scope="row" className="py-1 pr-6 text-left font-normal">
                    {permWord(p)}
                  </th>
                  <td className="py-1 pr-6">{h === null ? "unknown" : h ? "yes" : "no"}</td>
                  <td className="py-1 pr-6">
                    {n ? "yes" : "no"}
                    {h && !n ? <span className="ml-2 font-semibold text-red-700 dark:text-red-400">more than needed</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {key.status === "active" && audit && (audit.deletionAt || key.lastUsedOn) && (
        <section aria-labelledby="last-use" className="space-y-2">
          <h2 id="last-use" className="text-lg font-medium">
            Last use
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {audit.deletionAt && audit.deletionCountedFrom
              ? `OKX deletes a live key that can trade or withdraw and has no IP allowlist after ${policy.okxDeletionDays} days without use. OKX does not tell anyone when a key was last used, and does not document that Keywarden's check counts as use, so the countdown runs from ${formatDateTime(audit.deletionCountedFrom).slice(0, 10)} (${key.lastUsedOn ? "the last use you entered" : key.createdOnSource === "added" ? "the day it was added" : "its created-on date"}): OKX deletes it on ${formatDateTime(audit.deletionAt).slice(0, 10)} unless it is used before then.`
              : "This key is not at risk of OKX's 14-day deletion; the last use you entered is kept in case that changes."}
          </p>
          <LastUseForm id={key.id} lastUsedOn={key.lastUsedOn} createdOn={key.createdOn} today={generatedAt.toISOString().slice(0, 10)} />
        </section>
      )}

      <section aria-labelledby="findings" className="space-y-3">
        <h2 id="findings" className="text-lg font-medium">
          {held ? "Findings (waiting for the verify step)" : "Findings"}
        </h2>
        {held ? (
          <>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              No consumer uses this key yet, so what OKX says about it is not a failure of a live key: the rotation’s verify step decides whether it can replace
              the old one
              {rotation ? (
                <>
                  {" "}
                  (
                  <Link href={rotationHref(rotation)} className="text-sky-700 underline dark:text-sky-400">
                    continue the rotation
                  </Link>
                  )
                </>
              ) : null}
              . What the audit would report until then:
            </p>
            <ul className="list-disc space-y-1 pl-5 text-sm">
              {held.map((f) => (
                <li key={`${f.rule}-${f.title}`}>
                  {f.title} <span className="text-zinc-600 dark:text-zinc-400">— {f.evidence.detail}</span>
                </li>
              ))}
            </ul>
          </>
        ) : !audit || audit.findings.length === 0 ? (
          <p className="text-sm">
            {checks.length ? "No findings: this key matches its purpose." : "No findings yet. Check the key with OKX to learn its real permissions."}
          </p>
        ) : (
          findingIds(audit.findings).map((fid, i) => (
            <FindingCard key={fid} id={fid} finding={audit.findings[i]} rotationHref={rotation ? rotationHref(rotation) : undefined} />
          ))
        )}
      </section>

      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-lg font-medium">
          Check history
        </h2>
        <p className="text-sm">
          <Link href={`/audit-log?key=${key.id}`} className="text-sky-800 underline dark:text-sky-300">
            Everything done with this key, in the audit log →
          </Link>
        </p>
        {checks.length === 0 ? (
          <p className="text-sm">Never checked.</p>
        ) : (
          // Focusable so keyboard users can scroll it sideways on a phone (axe: scrollable-region-focusable).
          <div
            tabIndex={0}
            role="region"
            aria-labelledby="history"
            className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
          >
            <table className="w-full text-left text-sm">
              <TableHead columns={["When", "Answer", "Permissions", "What changed", "Latency"]} />
              <tbody>
                {checks.slice(0, 20).map((c, i) => (
                  <tr key={c.id} className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800">
                    <td className="whitespace-nowrap px-3 py-2">{formatDateTime(c.at)}</td>
                    <td className="px-3 py-2">
                      <CheckAnswer check={c} />
                    </td>
                    <td className="px-3 py-2">
                      <PermBadges perm={c.perm} />
                    </td>
                    <td className="px-3 py-2">
                      {describeChanges(
                        c,
                        checks.slice(i + 1).find((p) => p.outcome === "ok"),
                      )}
                    </td>
                    <td className="px-3 py-2">{c.latencyMs} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {(isMaster || linkedSubKeys.length > 0) && (
        <SubAccountKeys
          discovery={lastDiscovery?.discovery ?? null}
          discoveredAt={lastDiscovery?.at ?? null}
          linked={linkedSubKeys}
          unstored={unstoredSubKeys}
        />
      )}

      {key.status === "active" && !rotation && (
        <section aria-labelledby="replace" className="space-y-2">
          <h2 id="replace" className="text-lg font-medium">
            Replace secrets
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            Re-enter one credential (a mistyped passphrase or secret) or all three (the key was re-created on okx.com).
          </p>
          <ul className="flex flex-wrap gap-2 text-sm">
            {(
              [
                ["passphrase", "Replace the passphrase"],
                ["secretKey", "Replace the secret key"],
                ["apiKey", "Replace the API key"],
                ["all", "Replace all three"],
              ] as const
            ).map(([f, text]) => (
              <li key={f}>
                <Link
                  href={`/keys/${key.id}/secrets?field=${f}`}
                  className="inline-block rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  {text}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="delete" className="space-y-2">
        <h2 id="delete" className="text-lg font-medium text-red-800 dark:text-red-300">
          Delete from Keywarden
        </h2>
        <DeleteKeyForm id={key.id} label={key.label} />
      </section>
    </div>
  );
});

/** OKX's code and words, the plain advice for that code, and the clock skew when it matters. */
function CheckAnswer({ check }: { check: Parameters<typeof explainCheck>[0] }) {
  const { answer, advice, skew } = explainCheck(check);
  return (
    <>
      {answer}
      {advice && <span className="mt-1 block text-zinc-700 dark:text-zinc-300">{advice}</span>}
      {skew && <span className="mt-1 block text-amber-800 dark:text-amber-300">{skew}</span>}
    </>
  );
}
