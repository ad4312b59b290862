import "server-only";
// Keyed digests for the scan, under the vault's digest key: the public key found (compared with ApiKey.apiKeyDigest)
// and a file's bytes (so "changed since the scan" is decided without keeping a copy of a file that holds secrets).
import { createHash } from "node:crypto";
import { apiKeyDigest } from "@/lib/vault/vault";

export const contentDigest = (bytes: Buffer): string => apiKeyDigest(`scan-file:${createHash("sha256").update(bytes).digest("hex")}`);
export { apiKeyDigest };
