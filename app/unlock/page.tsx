import { redirect } from "next/navigation";
import { vaultStatus } from "@/lib/vault/vault";
import { hasValidSession } from "@/lib/session/session";
import { AuthCard } from "@/components/auth-card";
import { UnlockForm } from "./unlock-form";

export const metadata = { title: "Unlock" };

export default async function UnlockPage() {
  const status = await vaultStatus();
  if (!status.exists) redirect("/setup");
  if (await hasValidSession()) redirect("/");
  return (
    <AuthCard title="Unlock Keywarden" intro="Your keys are encrypted. Enter the master passphrase to open the vault on this machine.">
      <UnlockForm waitSeconds={Math.ceil(status.retryAfterMs / 1000)} />
    </AuthCard>
  );
}
