import Link from "next/link";
import { keyOr404 } from "../key-or-404";
import { KeyForm } from "@/components/key-form";
import { updateKeyAction } from "../../actions";
import { requirePageSession } from "@/lib/session/session";
import { consumerLine } from "@/lib/domain";

export const metadata = { title: "Edit key" };

export default async function EditKeyPage({ params }: { params: Promise<{ id: string }> }) {
  // Each page checks the session itself: Next renders layout and page in parallel, so the layout's
  // redirect alone would not stop this page's data from streaming into the response.
  await requirePageSession();
  const { id } = await params;
  const key = await keyOr404(id);
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm"><Link href={`/keys/${id}`} className="text-sky-700 underline dark:text-sky-400">← {key.label}</Link></p>
      <h1 className="text-2xl font-semibold">Edit “{key.label}”</h1>
      <KeyForm
        action={updateKeyAction.bind(null, id)}
        withSecrets={false}
        submitLabel="Save changes"
        defaults={{ label: key.label, region: key.region, host: key.host ?? "", demo: key.demo, purpose: key.purpose, usedBy: key.consumers.map(consumerLine).join("\n"), createdOn: key.createdOnSource === "added" ? "" : key.createdOn, createdOnUnknown: key.createdOnSource === "added", notes: key.notes }}
      />
    </div>
  );
}
