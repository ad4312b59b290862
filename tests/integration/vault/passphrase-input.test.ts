// lib/vault applies the shared passphrase schema itself (the CLI calls it without a form): empty or oversized
// input is refused with a field message before Argon2 runs, and an oversized unlock is not counted as a guess.
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";

const MASTER = "copper-violin-tundra-57";
const TOO_LONG = "x".repeat(1025);

integrationEnv({ prefix: "kw-passinput-" });
let vault: typeof import("@/lib/vault/vault");
let dbmod: typeof import("@/lib/db/client");

beforeAll(async () => {
  dbmod = await import("@/lib/db/client");
  vault = await import("@/lib/vault/vault");
});

const failedAttempts = async () => (await (await dbmod.db()).vault.findUnique({ where: { id: 1 } }))!.failedAttempts;

describe("master passphrase input in lib/vault", () => {
  it("createVault refuses an oversized passphrase and creates nothing; weak ones keep their strength reason", async () => {
    await expect(vault.createVault(TOO_LONG)).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { passphrase: ["Master passphrase must be at most 1024 characters."] },
    });
    await expect(vault.createVault("short")).rejects.toMatchObject({ fieldErrors: { passphrase: [expect.stringMatching(/at least 12 characters/)] } });
    expect(await vault.vaultExists()).toBe(false);
    await vault.createVault(MASTER);
  });

  it("unlockVault refuses empty and oversized input without counting a wrong guess", async () => {
    await vault.lockVault();
    await expect(vault.unlockVault(TOO_LONG)).rejects.toMatchObject({ code: "invalid", fieldErrors: { passphrase: [expect.stringMatching(/at most 1024/)] } });
    await expect(vault.unlockVault("")).rejects.toMatchObject({ code: "invalid", fieldErrors: { passphrase: ["Master passphrase is required."] } });
    expect(await failedAttempts()).toBe(0);
    await vault.unlockVault(MASTER);
  });

  it("changePassphrase refuses the current passphrase as the new one, and one built on it, and keeps the old one", async () => {
    await expect(vault.changePassphrase(MASTER, MASTER)).rejects.toMatchObject({ fieldErrors: { next: [expect.stringMatching(/is the current one/)] } });
    await expect(vault.changePassphrase(MASTER, `${MASTER}!`)).rejects.toMatchObject({ fieldErrors: { next: [expect.any(String)] } });
    expect(await failedAttempts()).toBe(0);
    await vault.lockVault();
    await vault.unlockVault(MASTER);
  });

  it("changePassphrase refuses an oversized new or current passphrase and keeps the old one", async () => {
    await expect(vault.changePassphrase(MASTER, TOO_LONG)).rejects.toMatchObject({ fieldErrors: { next: [expect.stringMatching(/at most 1024/)] } });
    await expect(vault.changePassphrase(TOO_LONG, "granite-orchid-saffron-91")).rejects.toMatchObject({
      fieldErrors: { current: [expect.stringMatching(/at most 1024/)] },
    });
    expect(await failedAttempts()).toBe(0);
    await vault.lockVault();
    await vault.unlockVault(MASTER);
  });
});
