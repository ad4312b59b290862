import Link from "next/link";
import { latestScan, runningScanJobId, STYLE_LABELS, type ScanFileDto } from "@/lib/scan";
import { formatDateTime } from "@/components/format";
import { ScanRunner } from "@/components/scan/scan-runner";
import { AddFoundKeyForm } from "@/components/scan/add-found-key-form";
import { addFromScanAction, cancelScanAction, startScanAction } from "./actions";
import { sessionPage } from "@/lib/session/session-page";

export const metadata = { title: "Scan" };

const card = "space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";
const muted = "text-sm text-zinc-700 dark:text-zinc-300";
const SEVERITY_CLASS: Record<string, string> = {
  critical: "text-red-800 dark:text-red-300",
  high: "text-orange-800 dark:text-orange-300",
  medium: "text-amber-800 dark:text-amber-200",
  low: "text-zinc-700 dark:text-zinc-300",
};

function FileLine({ f }: { f: ScanFileDto }) {
  return (
    <li className="space-y-1 rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-700">
      <p className="text-sm">
        <code className="break-all font-mono">{f.path}</code>{" "}
        <span className="text-zinc-600 dark:text-zinc-400">
          — {STYLE_LABELS[f.style]}, app “{f.app}”
        </span>
      </p>
      {f.findings.length > 0 && (
        <ul className="space-y-0.5 text-sm">
          {f.findings.map((x) => (
            <li key={x.id} className={SEVERITY_CLASS[x.severity]}>
              <span className="font-medium capitalize">{x.severity}:</span> {x.text}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export default sessionPage(async () => {
  const scan = await latestScan();
  const encrypted = scan?.files.filter((f) => f.encrypted) ?? [];
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/settings" className="text-sky-700 underline dark:text-sky-400">
          ← Settings
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">Scan: where is each key used?</h1>
        <p className={`mt-1 ${muted}`}>
          Keywarden looks for OKX credentials in .env files, freqtrade configs, ccxt-style JSON, YAML and TOML, docker-compose environments and Hummingbot
          connectors. It matches them to your keys by the public API key and never shows a secret it finds.
        </p>
      </div>
      <section aria-labelledby="run" className={card}>
        <h2 id="run" className="text-lg font-medium">
          Scan folders
        </h2>
        <ScanRunner
          defaultRoots={scan?.run.roots.join("\n") ?? ""}
          runningJobId={runningScanJobId()}
          startScan={startScanAction}
          cancelScan={cancelScanAction}
        />
      </section>

      {!scan ? (
        <p className={muted}>No scan has run yet.</p>
      ) : (
        <>
          <p className={muted}>
            Last scan {formatDateTime(scan.run.finishedAt ?? scan.run.startedAt)}: {scan.run.filesSeen} files in {scan.run.roots.join(", ")}.
          </p>
          <section aria-labelledby="used" className={card}>
            <h2 id="used" className="text-lg font-medium">
              Your keys, and the files that hold them
            </h2>
            {scan.byKey.length === 0 ? (
              <p className={muted}>None of your stored keys was found in these folders.</p>
            ) : (
              scan.byKey.map((k) => (
                <div key={k.key.id} className="space-y-2">
                  <h3 className="text-sm font-medium">
                    <Link href={`/keys/${k.key.id}`} className="text-sky-700 underline dark:text-sky-400">
                      {k.key.label}
                    </Link>{" "}
                    is used in {k.files.length} file{k.files.length === 1 ? "" : "s"}
                    {new Set(k.files.map((f) => f.app)).size > 1 && (
                      <span className="font-normal text-amber-800 dark:text-amber-200"> — shared by several apps (shared-key)</span>
                    )}
                  </h3>
                  <ul className="space-y-2">
                    {k.files.map((f) => (
                      <FileLine key={f.id} f={f} />
                    ))}
                  </ul>
                </div>
              ))
            )}
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Each file is now one of its key&apos;s consumers; a rotation offers to write the new key into it.
            </p>
          </section>

          {scan.unknown.length > 0 && (
            <section aria-labelledby="unknown" className={card}>
              <h2 id="unknown" className="text-lg font-medium">
                OKX keys Keywarden does not know
              </h2>
              {scan.unknown.map((u) => {
                const source = u.files.find((f) => f.hasSecret);
                return (
                  <div key={u.fingerprint} className="space-y-2">
                    <h3 className="text-sm font-medium">
                      Key <code className="font-mono">{u.fingerprint}</code>
                    </h3>
                    <ul className="space-y-2">
                      {u.files.map((f) => (
                        <FileLine key={f.id} f={f} />
                      ))}
                    </ul>
                    {source ? (
                      <details className="text-sm">
                        <summary className="cursor-pointer text-sky-700 underline dark:text-sky-400">Add it to Keywarden</summary>
                        <div className="space-y-2 pt-3">
                          <p className={muted}>
                            The secret key and passphrase are read from <code className="font-mono">{source.path}</code> on the server; they are not shown here.
                            The key is checked with OKX right away.
                          </p>
                          <AddFoundKeyForm action={addFromScanAction.bind(null, source.id)} idPrefix={`add-${source.id}`} defaultLabel={source.app} />
                        </div>
                      </details>
                    ) : (
                      <p className={muted}>
                        No file holds its secret key and passphrase: add it under{" "}
                        <Link href="/keys/new" className="text-sky-700 underline dark:text-sky-400">
                          Keys → Add key
                        </Link>
                        .
                      </p>
                    )}
                  </div>
                );
              })}
            </section>
          )}

          {encrypted.length > 0 && (
            <section aria-labelledby="encrypted" className={card}>
              <h2 id="encrypted" className="text-lg font-medium">
                OKX consumers with encrypted values
              </h2>
              <p className={muted}>
                Hummingbot encrypts its connector keys with the bot&apos;s password, so Keywarden cannot tell which key they hold. Record them under the
                key&apos;s Edit details.
              </p>
              <ul className="space-y-2">
                {encrypted.map((f) => (
                  <FileLine key={f.id} f={f} />
                ))}
              </ul>
            </section>
          )}

          {scan.run.skipped.length > 0 && (
            <section aria-labelledby="skipped" className={card}>
              <h2 id="skipped" className="text-lg font-medium">
                Skipped
              </h2>
              <ul className="space-y-1 text-sm">
                {scan.run.skipped.map((s) => (
                  <li key={`${s.path}-${s.reason}`}>
                    <code className="break-all font-mono">{s.path}</code> — {s.text}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
});
