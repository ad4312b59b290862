import { redirect } from "next/navigation";
import { vaultExists } from "@/lib/vault/vault";
import { SetupForm } from "./setup-form";
import { AuthCard } from "@/components/auth-card";

export const metadata = { title: "Create your vault" };

export default async function SetupPage() {
  if (await vaultExists()) redirect("/unlock");
  return (
    <AuthCard title="Create your vault" intro="Keywarden keeps your OKX API keys encrypted on this machine. Choose a master passphrase to protect them.">
      <SetupForm />
    </AuthCard>
  );
}
