import { redirect } from "next/navigation";
import { vaultStatus } from "@/lib/vault/vault";
import { hasValidSession } from "@/lib/session/session";
import { AuthCard } from "@/components/auth-card";
import { UnlockForm } from "./unlock-form";
import { safeNextPath } from "@/lib/http/safe-next";

export const metadata = { title: "Unlock" };

export default async function UnlockPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const status = await vaultStatus();
  if (!status.exists) redirect("/setup");
  // Only a path on this origin: anything else is dropped, so ?next= cannot send the user to another site.
  const next = safeNextPath((await searchParams).next);
  if (await hasValidSession()) redirect(next ?? "/");
  return (
    <AuthCard title="Unlock Keywarden" intro="Your keys are encrypted. Enter the master passphrase to open the vault on this machine.">
      <UnlockForm waitSeconds={Math.ceil(status.retryAfterMs / 1000)} next={next} />
    </AuthCard>
  );
}
