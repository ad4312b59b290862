// Key derivation for the master passphrase. Argon2id (OWASP: m >= 19 MiB, t >= 2, p = 1); the parameters are
// stored with the vault so they can be raised later without breaking existing vaults.
import { hashRaw, type Algorithm } from "@node-rs/argon2";
import { z } from "zod";

// Upper bounds keep one unlock to a few seconds and at most 1 GiB: the parameters come from the database file,
// and a restored file asking for 4 GiB × 20 passes made each unlock take a minute and 4 GB of memory.
const MAX_COST_KIB_PASSES = 8 * 131_072 * 4;
export const kdfParamsSchema = z
  .object({
    memoryCostKiB: z.number().int().min(19_456).max(1_048_576),
    timeCost: z.number().int().min(2).max(10),
    parallelism: z.number().int().min(1).max(4),
  })
  .refine((p) => p.memoryCostKiB * p.timeCost <= MAX_COST_KIB_PASSES, "The key-derivation cost is beyond what Keywarden uses.");
export type KdfParams = z.infer<typeof kdfParamsSchema>;

// About 0.25–0.35 s per unlock on the project's 2-core machine (`npm run bench`): slow enough to make guessing
// costly, quick enough for a person.
// Stored with the vault, so raising it later leaves existing vaults readable (they re-wrap on passphrase change).
export const DEFAULT_KDF_PARAMS: KdfParams = { memoryCostKiB: 131_072, timeCost: 4, parallelism: 1 };

export async function deriveKek(passphrase: string, salt: Uint8Array, params: KdfParams): Promise<Buffer> {
  const out = await hashRaw(passphrase.normalize("NFC"), {
    // Algorithm.Argon2id; the package exports a const enum, which isolatedModules cannot inline.
    algorithm: 2 as Algorithm,
    memoryCost: params.memoryCostKiB,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
    outputLen: 32,
    salt: Buffer.from(salt),
  });
  return Buffer.from(out);
}
