import { requirePageSession } from "@/lib/session/session";
import { vaultExists } from "@/lib/vault/vault";
import { redirect } from "next/navigation";
import { Nav } from "@/components/nav";
import { lockAction } from "@/app/unlock/actions";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  if (!(await vaultExists())) redirect("/setup");
  await requirePageSession();
  return (
    <div className="min-h-screen">
      <Nav lockAction={lockAction} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
