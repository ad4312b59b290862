import Link from "next/link";
import { getKey } from "@/lib/keys/key-store";
import { SECRET_FIELD_CHOICES, type SecretFieldChoice } from "@/lib/keys/key-store";
import { sessionPage } from "@/lib/session/session-page";
import { ReplaceSecretsForm } from "../key-actions-forms";

export const metadata = { title: "Replace secrets" };

const SECRET_CHOICE_LABELS: Record<SecretFieldChoice, string> = {
  passphrase: "Only the passphrase",
  secretKey: "Only the secret key",
  apiKey: "Only the API key",
  all: "All three (the key was re-created)",
};

const INTRO: Record<SecretFieldChoice, string> = {
  passphrase: "Enter the passphrase you chose when you created this key on okx.com. The stored API key and secret key stay as they are.",
  secretKey: "Enter the secret key exactly as OKX showed it when the key was created. The stored API key and passphrase stay as they are.",
  apiKey: "Enter the API key as okx.com lists it. The stored secret key and passphrase stay as they are.",
  all: "If you re-created this key on okx.com, enter its new credentials. The old ones are overwritten.",
};

export default sessionPage<{ id: string }, { field?: string }>(async ({ params, searchParams }) => {
  const { id } = params;
  const { field: asked } = searchParams;
  const key = await getKey(id);
  const field: SecretFieldChoice = (SECRET_FIELD_CHOICES as readonly string[]).includes(asked ?? "") ? (asked as SecretFieldChoice) : "all";
  // A key whose secrets were destroyed (finished rotation) can only get all three back.
  const choices = key.hasSecrets ? SECRET_FIELD_CHOICES : (["all"] as const);
  const shown: SecretFieldChoice = key.hasSecrets ? field : "all";
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm">
        <Link href={`/keys/${id}`} className="text-sky-700 underline dark:text-sky-400">
          ← {key.label}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Replace secrets of “{key.label}”</h1>
      <nav aria-label="What to replace">
        <ul className="flex flex-wrap gap-2 text-sm">
          {choices.map((c) => (
            <li key={c}>
              <Link
                href={`/keys/${id}/secrets?field=${c}`}
                aria-current={c === shown ? "page" : undefined}
                className={`inline-block rounded-md border px-3 py-1.5 ${c === shown ? "border-sky-700 bg-sky-50 font-medium text-sky-900 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100" : "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"}`}
              >
                {SECRET_CHOICE_LABELS[c]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{INTRO[shown]} They are encrypted at once and never shown again.</p>
      <ReplaceSecretsForm key={shown} id={key.id} field={shown} />
    </div>
  );
});
