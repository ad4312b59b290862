import Link from "next/link";
import { getKey } from "@/lib/keys/key-store";
import { KeyForm } from "@/components/key-form";
import { updateKeyAction } from "../../actions";
import { sessionPage } from "@/lib/session/session-page";
import { consumerLine } from "@/lib/domain";

export const metadata = { title: "Edit key" };

export default sessionPage<{ id: string }>(async ({ params }) => {
  const { id } = params;
  const key = await getKey(id);
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm">
        <Link href={`/keys/${id}`} className="text-sky-700 underline dark:text-sky-400">
          ← {key.label}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Edit “{key.label}”</h1>
      <KeyForm
        action={updateKeyAction.bind(null, id)}
        withSecrets={false}
        submitLabel="Save changes"
        defaults={{
          label: key.label,
          region: key.region,
          host: key.host ?? "",
          demo: key.demo,
          purpose: key.purpose,
          usedBy: key.consumers.map(consumerLine).join("\n"),
          createdOn: key.createdOnSource === "added" ? "" : key.createdOn,
          createdOnUnknown: key.createdOnSource === "added",
          notes: key.notes,
        }}
      />
    </div>
  );
});
