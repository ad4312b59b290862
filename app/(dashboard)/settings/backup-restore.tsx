"use client";
// Backup is a plain download link; restore uploads the file with the backup's master passphrase to /api/restore
// (which refuses a file whose vault does not open with it) and then sends the user to unlock with that passphrase.
// The passphrase lives only in the input: never in React state, and the field is emptied after every attempt.
import { useState } from "react";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL, TOO_LARGE_MESSAGE } from "@/lib/backup/upload-limit";
import { inputClass } from "@/components/field";

export function BackupRestore() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);

  async function restore(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const file = (form.elements.namedItem("backup") as HTMLInputElement).files?.[0];
    if (!file) return setMessage({ ok: false, text: "Choose a Keywarden backup file first." });
    if (file.size > MAX_UPLOAD_BYTES) return setMessage({ ok: false, text: TOO_LARGE_MESSAGE });
    const passphraseInput = form.elements.namedItem("backupPassphrase") as HTMLInputElement;
    if (!passphraseInput.value) {
      setMessage(null);
      setPassphraseError("Enter the master passphrase this backup was made with.");
      return passphraseInput.focus();
    }
    if (!window.confirm(`Replace everything in this vault with “${file.name}”? The current database is kept aside as a copy.`)) return;
    setBusy(true);
    setMessage(null);
    setPassphraseError(null);
    const res = await fetch("/api/restore", { method: "POST", body: new FormData(form) });
    passphraseInput.value = "";
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string; keys?: number; fieldErrors?: Record<string, string[]> };
    setBusy(false);
    if (body.ok) {
      setMessage({ ok: true, text: `Restored ${body.keys ?? "the"} keys. Unlock with the backup's master passphrase…` });
      // A full load, not a client navigation: the restored vault is locked and every cached page is stale.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/unlock");
    } else if (body.fieldErrors?.backupPassphrase) {
      setPassphraseError(body.fieldErrors.backupPassphrase.join(" "));
      setMessage({ ok: false, text: "Nothing was changed." });
      passphraseInput.focus();
    } else setMessage({ ok: false, text: body.error ?? "The restore failed; nothing was changed." });
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        A backup is one SQLite file. The secrets in it stay encrypted under your master passphrase; keep it somewhere private.
      </p>
      <a
        href="/api/backup"
        download
        className="inline-block rounded-md border border-zinc-300 px-4 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Download a backup
      </a>
      <form onSubmit={restore} className="max-w-sm space-y-2">
        <label htmlFor="backup" className="block text-sm font-medium">
          Restore from a backup file
        </label>
        <p id="backup-limit" className="text-xs text-zinc-600 dark:text-zinc-400">
          Up to {MAX_UPLOAD_LABEL}; larger backups restore with <code>keywarden restore</code>.
        </p>
        <input
          id="backup"
          name="backup"
          type="file"
          aria-describedby="backup-limit"
          accept=".db,.sqlite,application/vnd.sqlite3,application/octet-stream"
          className="block text-sm"
        />
        <label htmlFor="backup-passphrase" className="block pt-2 text-sm font-medium">
          Master passphrase of this backup
        </label>
        <p id="backup-passphrase-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          The one in use when the backup was made (often the current one). Its vault must open before anything is replaced.
        </p>
        <input
          id="backup-passphrase"
          name="backupPassphrase"
          type="password"
          autoComplete="current-password"
          aria-invalid={passphraseError ? true : undefined}
          aria-describedby={passphraseError ? "backup-passphrase-hint backup-passphrase-error" : "backup-passphrase-hint"}
          className={inputClass}
        />
        {passphraseError && (
          <p id="backup-passphrase-error" className="text-sm text-red-700 dark:text-red-400">
            {passphraseError}
          </p>
        )}
        <button type="submit" disabled={busy} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {busy ? "Restoring…" : "Restore"}
        </button>
        <div aria-live="polite" role="status">
          {message && <p className={`text-sm ${message.ok ? "text-emerald-800 dark:text-emerald-300" : "text-red-700 dark:text-red-400"}`}>{message.text}</p>}
        </div>
      </form>
    </div>
  );
}
