// An unmanaged key: a sub-account key a stored master key's listing shows that Keywarden does not hold. What is
// known comes from that listing; the page offers Adopt and Delete on OKX.
import Link from "next/link";
import { IP_BINDING_WORDS } from "@/lib/audit";
import { loadUnmanagedKey } from "@/lib/pages/unmanaged-key-data";
import { sessionPage } from "@/lib/session/session-page";
import { GradeBadge, PermBadges } from "@/components/audit/badges";
import { FindingCard } from "@/components/audit/finding-card";
import { findingIds } from "@/components/audit/finding-ids";
import { formatDateTime } from "@/components/format";
import { AdoptForm, DeleteOnOkxForm } from "./unmanaged-forms";

export const metadata = { title: "Unmanaged key" };

export default sessionPage<{ id: string }>(async ({ params }) => {
  const id = Number(params.id);
  const entry = await loadUnmanagedKey(id);
  if (!entry) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">Unmanaged key</h1>
        <p className="text-sm">
          This key is no longer listed as unmanaged: it was adopted, deleted on OKX, or its master key&apos;s latest listing no longer shows it.
        </p>
        <Link href="/keys" className="text-sky-800 underline dark:text-sky-300">
          Back to Keys
        </Link>
      </div>
    );
  }
  const { key, audit } = entry;
  const dt = "text-zinc-600 dark:text-zinc-400";
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/keys?kind=unmanaged" className="text-sky-800 underline dark:text-sky-300">
            ← Unmanaged keys
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{key.name}</h1>
          <span className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-950 dark:bg-amber-900 dark:text-amber-50">unmanaged</span>
          <GradeBadge grade={audit.grade} />
        </div>
        <p className="max-w-2xl text-sm text-zinc-700 dark:text-zinc-300">
          OKX lists this key under the sub-account “{key.subAcct}” of the master key{" "}
          <Link href={`/keys/${key.masterKeyId}`} className="text-sky-800 underline dark:text-sky-300">
            {key.masterLabel}
          </Link>
          , but Keywarden does not hold it. Everything below comes from that listing; its secret is not here, so Keywarden cannot check it itself.
        </p>
      </div>

      <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className={dt}>Fingerprint</dt>
        <dd className="font-mono">{key.fingerprint}</dd>
        <dt className={dt}>OKX label</dt>
        <dd>{key.okxLabel || "—"}</dd>
        <dt className={dt}>Permissions</dt>
        <dd>
          <PermBadges perm={audit.currentPerm} />
        </dd>
        <dt className={dt}>IP allowlist</dt>
        <dd>{key.ip.length ? key.ip.join(", ") : IP_BINDING_WORDS[audit.ipBinding]}</dd>
        <dt className={dt}>Created (OKX)</dt>
        <dd>
          {formatDateTime(key.createdAt)} · {audit.ageDays} days old
        </dd>
        <dt className={dt}>Sub-account</dt>
        <dd>
          {key.subAcct}
          {key.subFrozen ? " (frozen or disabled)" : key.subFrozen === null ? " (state not listed)" : ""}
        </dd>
        <dt className={dt}>Listed</dt>
        <dd>
          {formatDateTime(key.seenAt)} by “{key.masterLabel}”{key.demo ? " · demo trading" : ""}
        </dd>
      </dl>

      <section aria-labelledby="findings" className="space-y-3">
        <h2 id="findings" className="text-lg font-medium">
          Findings
        </h2>
        {findingIds(audit.findings).map((fid, i) => (
          <FindingCard key={fid} id={fid} finding={audit.findings[i]} />
        ))}
      </section>

      {key.actionable ? (
        <>
          <section aria-labelledby="adopt" className="space-y-3">
            <h2 id="adopt" className="text-lg font-medium">
              Adopt into Keywarden
            </h2>
            <p className="max-w-2xl text-sm text-zinc-700 dark:text-zinc-300">
              Enter the key&apos;s secret key and passphrase. Keywarden signs one account/config call with them; only if OKX answers for this exact key is it
              stored (encrypted), as a sub-account key of “{key.masterLabel}” created {formatDateTime(key.createdAt).slice(0, 10)}.
            </p>
            <AdoptForm
              id={key.id}
              suggestedLabel={key.okxLabel || `${key.subAcct} ${key.fingerprint}`}
              suggestedPurpose={key.perm.includes("trade") ? "trade" : "read"}
            />
          </section>
          <section aria-labelledby="delete-on-okx" className="space-y-3">
            <h2 id="delete-on-okx" className="text-lg font-medium">
              Delete on OKX
            </h2>
            <DeleteOnOkxForm id={key.id} name={key.name} masterLabel={key.masterLabel} />
          </section>
        </>
      ) : (
        <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:bg-sky-950 dark:text-sky-100">
          To adopt or delete it, check the master key{" "}
          <Link href={`/keys/${key.masterKeyId}`} className="underline">
            {key.masterLabel}
          </Link>{" "}
          once more: this listing is from before Keywarden kept listed keys (sealed) for that.
        </p>
      )}
    </div>
  );
});
