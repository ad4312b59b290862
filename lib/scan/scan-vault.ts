import "server-only";
// A scan matches by the vault's keyed digest, so it needs the vault unlocked before it reads a single file.
import { VaultLockedError } from "@/lib/errors/app-error";
import { apiKeyDigest } from "@/lib/vault/vault";

export function requireDataKeyForScan(): void {
  try {
    apiKeyDigest("probe");
  } catch {
    throw new VaultLockedError();
  }
}
