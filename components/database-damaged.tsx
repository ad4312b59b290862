import { AuthCard } from "./auth-card";

// Shown instead of every page while the database file is damaged or empty: the unlock and setup pages would
// otherwise take it for a missing vault and send the user back and forth, or offer to create a new one over it.
export function DatabaseDamaged({ damage }: { damage: { file: string; verdict: string; restoreFrom: string | null } }) {
  const code = "rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs break-all dark:bg-zinc-800";
  // A command to copy stands on its own line.
  const command = "rounded bg-zinc-100 px-2 py-1 font-mono text-xs break-words dark:bg-zinc-800";
  return (
    <AuthCard title="The database file is damaged" intro="Nothing was changed, and Keywarden will not create a new vault over it.">
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="font-medium">File</dt>
          <dd>
            <code className={code}>{damage.file}</code>
          </dd>
        </div>
        <div>
          <dt className="font-medium">What SQLite says</dt>
          <dd className="text-zinc-700 dark:text-zinc-300">{damage.verdict}</dd>
        </div>
        <div>
          <dt className="font-medium">Restore from</dt>
          <dd className="text-zinc-700 dark:text-zinc-300">
            {damage.restoreFrom ? (
              <>
                the newest backup found, <code className={code}>{damage.restoreFrom}</code>. Stop the Keywarden server, then run
                <code className={`${command} mt-1 block`}>keywarden restore &quot;{damage.restoreFrom}&quot;</code>
              </>
            ) : (
              <>
                no backup was found beside the file or in ~/Downloads. Stop the Keywarden server, then run, with a backup you made,
                <code className={`${command} mt-1 block`}>keywarden restore FILE</code>
              </>
            )}
            The damaged file is kept aside.
          </dd>
        </div>
      </dl>
    </AuthCard>
  );
}
