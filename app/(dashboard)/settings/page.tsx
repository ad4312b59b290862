import { loadIdleMinutes } from "@/lib/settings/settings";
import { ChangePassphraseForm, IdleTimeoutForm } from "./settings-forms";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const minutes = await loadIdleMinutes();
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section aria-labelledby="lock" className="space-y-2">
        <h2 id="lock" className="text-lg font-medium">Auto-lock</h2>
        <IdleTimeoutForm minutes={minutes} />
      </section>
      <section aria-labelledby="pass" className="space-y-2">
        <h2 id="pass" className="text-lg font-medium">Master passphrase</h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">Changing it re-wraps the vault key; the stored secrets stay as they are.</p>
        <ChangePassphraseForm />
      </section>
    </div>
  );
}
