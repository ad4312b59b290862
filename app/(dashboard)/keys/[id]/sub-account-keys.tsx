// A master key's sub-account keys: what the last discovery found, the stored keys it manages, and the keys
// OKX knows that are not in Keywarden (forgotten keys still able to trade are worth a look).
import Link from "next/link";
import { PermBadges } from "@/components/audit/badges";
import { formatDateTime } from "@/components/format";
import { describeDiscovery } from "@/lib/checks/check-advice";
import type { DiscoverySummary } from "@/lib/checks/check-dto";
import type { DiscoveredKeyDto, LinkedSubKeyDto } from "@/lib/sub-accounts/list-discovered-keys";
import { TableHead } from "@/components/table-head";

export function SubAccountKeys({
  discovery,
  discoveredAt,
  linked,
  unstored,
}: {
  /** From the newest check that ran a discovery; null if none did yet. */
  discovery: DiscoverySummary | null;
  discoveredAt: Date | null;
  linked: LinkedSubKeyDto[];
  unstored: DiscoveredKeyDto[];
}) {
  return (
    <section aria-labelledby="sub-keys" className="space-y-3">
      <h2 id="sub-keys" className="text-lg font-medium">
        Sub-account keys
      </h2>
      <p className="text-sm">
        {discovery ? `${describeDiscovery(discovery)} (checked ${formatDateTime(discoveredAt)})` : "Check this master key to list its sub-accounts' keys."}
      </p>
      {linked.length > 0 && (
        <p className="text-sm">
          Managed by this key in Keywarden:{" "}
          {linked.map((k, i) => (
            <span key={k.id}>
              {i > 0 && ", "}
              <Link href={`/keys/${k.id}`} className="text-sky-700 underline dark:text-sky-400">
                {k.label}
              </Link>
              {k.subAcct ? ` (${k.subAcct})` : ""}
            </span>
          ))}
        </p>
      )}
      {unstored.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <caption className="px-3 py-2 text-left text-zinc-700 dark:text-zinc-300">
              Not in Keywarden: keys OKX lists for this account&apos;s sub-accounts that you have not added. Open one to adopt it (if still in use) or delete it
              on OKX.
            </caption>
            <TableHead columns={["OKX label", "Sub-account", "Key", "Permissions", "IP-bound", "Created (OKX)"]} />
            <tbody>
              {unstored.map((k) => (
                <tr key={`${k.subAcct}:${k.fingerprint}:${k.createdAt.getTime()}`} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                  <td className="px-3 py-2">
                    <Link href={`/keys/unmanaged/${k.id}`} className="text-sky-700 underline dark:text-sky-400">
                      {k.label || k.fingerprint}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{k.subAcct}</td>
                  <td className="px-3 py-2 font-mono">{k.fingerprint}</td>
                  <td className="px-3 py-2">
                    <PermBadges perm={k.perm} />
                  </td>
                  <td className="px-3 py-2">{k.ip.length ? `yes (${k.ip.length})` : "no"}</td>
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(k.createdAt).slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
