import Link from "next/link";
import { loadIdleMinutes } from "@/lib/settings/settings";
import { ChangePassphraseForm, IdleTimeoutForm } from "./settings-forms";
import { PolicyForm } from "./policy-form";
import { BackupRestore } from "./backup-restore";
import { loadPolicy } from "@/lib/settings/audit-policy";
import { sessionPage } from "@/lib/session/session-page";

export const metadata = { title: "Settings" };

export default sessionPage(async () => {
  const [minutes, policy] = await Promise.all([loadIdleMinutes(), loadPolicy()]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section aria-labelledby="scan-h" className="space-y-2">
        <h2 id="scan-h" className="text-lg font-medium">
          Scan this machine
        </h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Find where each key is used in bot configs on this machine, and OKX keys in files that Keywarden does not know.{" "}
          <Link href="/settings/scan" className="text-sky-700 underline dark:text-sky-400">
            Open Scan
          </Link>
        </p>
      </section>
      <section aria-labelledby="policy" className="space-y-2">
        <h2 id="policy" className="text-lg font-medium">
          Audit policy
        </h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Thresholds for the findings. Changing them re-grades every key at once; nothing is re-checked.
        </p>
        <PolicyForm policy={policy} />
      </section>
      <section aria-labelledby="lock" className="space-y-2">
        <h2 id="lock" className="text-lg font-medium">
          Auto-lock
        </h2>
        <IdleTimeoutForm minutes={minutes} />
      </section>
      <section aria-labelledby="backup-h" className="space-y-2">
        <h2 id="backup-h" className="text-lg font-medium">
          Backup and restore
        </h2>
        <BackupRestore />
      </section>
      <section aria-labelledby="pass" className="space-y-2">
        <h2 id="pass" className="text-lg font-medium">
          Master passphrase
        </h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">Changing it re-wraps the vault key; the stored secrets stay as they are.</p>
        <ChangePassphraseForm />
      </section>
    </div>
  );
});
