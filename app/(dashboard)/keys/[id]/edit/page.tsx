import Link from "next/link";
import { getKey } from "@/lib/keys/key-store";
import { KeyForm } from "@/components/key-form";
import { updateKeyAction } from "../../actions";

export const metadata = { title: "Edit key" };

export default async function EditKeyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const key = await getKey(id);
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm"><Link href={`/keys/${id}`} className="text-sky-700 underline dark:text-sky-400">← {key.label}</Link></p>
      <h1 className="text-2xl font-semibold">Edit “{key.label}”</h1>
      <KeyForm
        action={updateKeyAction.bind(null, id)}
        withSecrets={false}
        submitLabel="Save changes"
        defaults={{ label: key.label, region: key.region, demo: key.demo, purpose: key.purpose, usedBy: key.consumers.map((c) => (c.host ? `${c.name} @ ${c.host}` : c.name)).join("\n"), createdOn: key.createdOn, notes: key.notes }}
      />
    </div>
  );
}
