import Link from "next/link";
import { KeyForm } from "@/components/key-form";
import { addKeyAction } from "../actions";
import { sessionPage } from "@/lib/session/session-page";

export const metadata = { title: "Add a key" };

export default sessionPage(async () => {
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm">
        <Link href="/keys" className="text-sky-700 underline dark:text-sky-400">
          ← Keys
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Add an OKX API key</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        The secret key and passphrase are encrypted with your vault key and never sent back to the browser. Keywarden only ever uses them server-side, to ask
        OKX what the key can do.
      </p>
      <KeyForm
        action={addKeyAction}
        withSecrets
        focusLabel
        submitLabel="Add key"
        defaults={{ label: "", region: "detect", host: "", demo: false, purpose: "read", usedBy: "", createdOn: "", createdOnUnknown: false, notes: "" }}
      />
    </div>
  );
});
