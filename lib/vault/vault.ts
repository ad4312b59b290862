import "server-only";
// Envelope encryption: passphrase --Argon2id--> key-encryption key --AES-GCM--> random 256-bit data key, which
// seals every secret field. Changing the passphrase re-wraps the data key only.
import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { BackoffError, VaultLockedError, VaultMissingError, WrongPassphraseError, ValidationError } from "@/lib/errors/app-error";
import { recordEvent, type Actor } from "@/lib/event-log/record";
import { DEFAULT_KDF_PARAMS, deriveKek, kdfParamsSchema } from "./kdf";
import { seal, open as openSealed, openRaw, SealOpenError } from "./seal";
import { backoffDelayMs, retryAfterMs } from "./backoff";
import { passphraseStrength } from "./passphrase-strength";
import { rewrapSchema, SAME_PASSPHRASE, unlockSchema } from "./passphrase-schema";
import { parseInput } from "@/lib/errors/parse-input";
import * as keyring from "./keyring";

const WRAP_AAD = "vault:data-key";

// The keyring locks itself when the idle time is up; the log says so like any other lock.
keyring.setIdleLockListener(() => {
  recordEvent({ action: "vault.lock", actor: "system", detail: { reason: "idle" } }).catch(() => {
    // Nothing to tell anyone: the lock itself already happened.
  });
});

// Unlock attempts are serialized so parallel guesses cannot slip past the backoff check.
let unlockQueue: Promise<unknown> = Promise.resolve();
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = unlockQueue.then(fn, fn);
  unlockQueue = run.catch(() => undefined);
  return run;
}

function digestKeyFrom(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), "keywarden:api-key-digest", 32));
}

export async function vaultExists(): Promise<boolean> {
  const prisma = await db();
  return (await prisma.vault.count()) > 0;
}

export interface VaultStatus {
  exists: boolean;
  unlocked: boolean;
  retryAfterMs: number;
}

export async function vaultStatus(): Promise<VaultStatus> {
  const prisma = await db();
  const row = await prisma.vault.findUnique({ where: { id: 1 } });
  return {
    exists: !!row,
    unlocked: !!row && keyring.isUnlocked(),
    retryAfterMs: row ? retryAfterMs(row.failedAttempts, row.lastFailedAt, Date.now()) : 0,
  };
}

function assertStrong(passphrase: string, field: string, avoid: string[] = []) {
  const s = passphraseStrength(passphrase, avoid);
  if (!s.ok) throw new ValidationError({ [field]: [s.reason!] }, "Choose a stronger master passphrase.");
}

export async function createVault(passphrase: string, actor: Actor = "web"): Promise<void> {
  parseInput(unlockSchema, { passphrase });
  assertStrong(passphrase, "passphrase");
  const prisma = await db();
  if (await vaultExists()) throw new ValidationError({}, "A vault already exists. Unlock it instead.");
  const salt = new Uint8Array(randomBytes(16));
  const kek = await deriveKek(passphrase, salt, DEFAULT_KDF_PARAMS);
  const dataKey = randomBytes(32);
  const wrappedKey = seal(kek, dataKey, WRAP_AAD);
  kek.fill(0);
  await prisma.vault.create({
    data: { id: 1, kdf: "argon2id", kdfParams: JSON.stringify(DEFAULT_KDF_PARAMS), salt, wrappedKey },
  });
  keyring.installKeys(dataKey, digestKeyFrom(dataKey), 1);
  await recordEvent({ action: "vault.create", actor });
}

async function unwrap(passphrase: string, row: { kdfParams: string; salt: Uint8Array; wrappedKey: Uint8Array }) {
  const params = kdfParamsSchema.parse(JSON.parse(row.kdfParams));
  const kek = await deriveKek(passphrase, row.salt, params);
  try {
    return openRaw(kek, row.wrappedKey, WRAP_AAD);
  } catch (err) {
    if (err instanceof SealOpenError) return null;
    throw err;
  } finally {
    kek.fill(0);
  }
}

const IN_FLIGHT_MS = 30_000;

type VaultRow = NonNullable<Awaited<ReturnType<Awaited<ReturnType<typeof db>>["vault"]["findUnique"]>>>;

/**
 * Checks the backoff and counts this guess as a failure in one write transaction (BEGIN IMMEDIATE, see
 * lib/db/one-connection-adapter.ts), before the slow KDF runs. Checking first and counting after the KDF let
 * parallel processes (ten `keywarden list` at once) all read the same count and all get a guess evaluated; now each
 * one sees the guesses still being tried.
 *
 * A guess that opens a backoff window marks itself in flight (lastFailedAt in the future) and keeps the window shut
 * while it runs; its window starts when its failure is known (the caller sets lastFailedAt then), however slow the
 * KDF is on a busy machine. A guess arriving meanwhile waits for that outcome instead of failing: when it was the
 * right passphrase (the owner running several commands at once) the counter is cleared and the wait was short; when
 * it was wrong, the new window applies. One that dies mid-KDF costs IN_FLIGHT_MS of waiting, never a free guess.
 */
async function reserveAttempt(): Promise<VaultRow> {
  const prisma = await db();
  const deadline = Date.now() + IN_FLIGHT_MS;
  for (;;) {
    const reserved = await prisma.$transaction(async (tx) => {
      const row = await tx.vault.findUnique({ where: { id: 1 } });
      if (!row) throw new VaultMissingError();
      const now = Date.now();
      if (row.lastFailedAt && row.lastFailedAt.getTime() > now && now < deadline) return null;
      const wait = retryAfterMs(row.failedAttempts, row.lastFailedAt, now);
      if (wait > 0) throw new BackoffError(wait);
      const opensWindow = backoffDelayMs(row.failedAttempts + 1) > 0;
      const lastFailedAt = new Date(now + (opensWindow ? IN_FLIGHT_MS : 0));
      await tx.vault.update({ where: { id: 1 }, data: { failedAttempts: { increment: 1 }, lastFailedAt } });
      return row;
    });
    if (reserved) return reserved;
    // Wait with cheap reads, not write transactions: nine waiting processes must not starve the one running the KDF.
    do await new Promise((r) => setTimeout(r, 200));
    while (Date.now() < deadline && ((await prisma.vault.findUnique({ where: { id: 1 } }))?.lastFailedAt?.getTime() ?? 0) > Date.now());
  }
}

/** unwrap(), handing the reserved guess back when something other than a wrong passphrase went wrong. */
async function unwrapCounted(passphrase: string, row: VaultRow) {
  try {
    return await unwrap(passphrase, row);
  } catch (err) {
    const prisma = await db();
    await prisma.vault.update({ where: { id: 1 }, data: { failedAttempts: { decrement: 1 } } }).catch(() => undefined);
    throw err;
  }
}

/** Unlocks this process. Wrong passphrases back off exponentially; the counter survives restarts. */
export function unlockVault(passphrase: string, actor: Actor = "web"): Promise<void> {
  // Empty or oversized input is refused before the KDF runs, and is not counted as a wrong guess.
  try {
    parseInput(unlockSchema, { passphrase });
  } catch (err) {
    return Promise.reject(err);
  }
  return serialized(async () => {
    const prisma = await db();
    const row = await reserveAttempt();
    const dataKey = await unwrapCounted(passphrase, row);
    if (!dataKey) {
      const failed = await prisma.vault.update({ where: { id: 1 }, data: { lastFailedAt: new Date() } });
      await recordEvent({ action: "vault.unlock-failed", actor, detail: { attempts: failed.failedAttempts } });
      throw new WrongPassphraseError(retryAfterMs(failed.failedAttempts, failed.lastFailedAt, Date.now()));
    }
    await prisma.vault.update({ where: { id: 1 }, data: { failedAttempts: 0, lastFailedAt: null } });
    keyring.installKeys(dataKey, digestKeyFrom(dataKey), row.epoch);
    await recordEvent({ action: "vault.unlock", actor });
  });
}

export interface WrappedVault {
  kdfParams: string;
  salt: Uint8Array;
  wrappedKey: Uint8Array;
}

export const BACKUP_DOES_NOT_OPEN = "This backup's vault does not open with that passphrase.";

/**
 * Proves that `passphrase` opens another database's vault (a backup about to be restored) with the same KDF and
 * unwrap as an unlock; the data key is wiped at once and no row is decrypted. A wrong guess counts against this
 * vault's own backoff, exactly like a wrong unlock: an unlocked session on a stolen laptop must not become a cheap
 * oracle for guessing a backup's passphrase. Without a usable vault here (a new machine, a damaged file) there is
 * no counter to charge, and the Argon2id cost per guess is the only brake, as for any copy of the file.
 * `field` names the form field the refusal is reported on. `countHere`: false when this data directory holds no
 * database to count in (the caller knows; opening one here would create an empty file).
 */
export function proveBackupPassphrase(passphrase: string, backup: WrappedVault, opts: { actor?: Actor; field?: string; countHere: boolean }): Promise<void> {
  const field = opts.field ?? "backupPassphrase";
  if (!passphrase)
    return Promise.reject(
      new ValidationError({ [field]: ["Enter the master passphrase this backup was made with."] }, "Enter the backup's master passphrase."),
    );
  try {
    parseInput(unlockSchema, { passphrase });
  } catch {
    return Promise.reject(new ValidationError({ [field]: [BACKUP_DOES_NOT_OPEN] }, BACKUP_DOES_NOT_OPEN));
  }
  return serialized(async () => {
    const counted = opts.countHere && (await vaultExists().catch(() => false));
    const prisma = counted ? await db() : null;
    const live = counted ? await reserveAttempt() : null;
    let dataKey: Buffer | null;
    try {
      dataKey = await unwrap(passphrase, backup);
    } catch {
      if (prisma) await prisma.vault.update({ where: { id: 1 }, data: { failedAttempts: { decrement: 1 } } }).catch(() => undefined);
      // A Vault row this version cannot read (KDF parameters it does not know) cannot be proven either.
      throw new ValidationError({ [field]: [BACKUP_DOES_NOT_OPEN] }, BACKUP_DOES_NOT_OPEN);
    }
    if (!dataKey) {
      if (prisma) {
        const failed = await prisma.vault.update({ where: { id: 1 }, data: { lastFailedAt: new Date() } });
        await recordEvent({ action: "backup.restore-refused", actor: opts.actor ?? "web", detail: { reason: "passphrase", attempts: failed.failedAttempts } });
      }
      throw new ValidationError({ [field]: [BACKUP_DOES_NOT_OPEN] }, BACKUP_DOES_NOT_OPEN);
    }
    dataKey.fill(0);
    // The right passphrase for the backup says nothing about this vault's: hand the reserved guess back only.
    if (prisma && live) await prisma.vault.update({ where: { id: 1 }, data: { failedAttempts: { decrement: 1 }, lastFailedAt: live.lastFailedAt } });
  });
}

export async function lockVault(actor: Actor = "web", reason = "manual"): Promise<void> {
  const wasUnlocked = keyring.isUnlocked();
  keyring.wipe();
  if (wasUnlocked) await recordEvent({ action: "vault.lock", actor, detail: { reason } });
}

/** Re-wraps the data key under a new passphrase; every other session is signed out (epoch bump). */
export function changePassphrase(current: string, next: string, actor: Actor = "web"): Promise<number> {
  try {
    parseInput(rewrapSchema, { current, next });
  } catch (err) {
    return Promise.reject(err);
  }
  return serialized(async () => {
    if (next === current) throw new ValidationError({ next: [SAME_PASSPHRASE] }, "Choose a new master passphrase.");
    assertStrong(next, "next", [current]);
    const prisma = await db();
    const row = await reserveAttempt();
    const dataKey = await unwrapCounted(current, row);
    if (!dataKey) {
      await prisma.vault.update({ where: { id: 1 }, data: { lastFailedAt: new Date() } });
      throw new ValidationError({ current: ["This is not the current master passphrase."] }, "The current passphrase is wrong.");
    }
    const salt = new Uint8Array(randomBytes(16));
    const kek = await deriveKek(next, salt, DEFAULT_KDF_PARAMS);
    const wrappedKey = seal(kek, dataKey, WRAP_AAD);
    kek.fill(0);
    const updated = await prisma.vault.update({
      where: { id: 1 },
      data: {
        salt,
        wrappedKey,
        kdf: "argon2id",
        kdfParams: JSON.stringify(DEFAULT_KDF_PARAMS),
        epoch: { increment: 1 },
        changedAt: new Date(),
        failedAttempts: 0,
        lastFailedAt: null,
      },
    });
    keyring.installKeys(dataKey, digestKeyFrom(dataKey), updated.epoch);
    await recordEvent({ action: "vault.passphrase-changed", actor });
    return updated.epoch;
  });
}

function requireDataKey(): Buffer {
  if (!keyring.isUnlocked()) throw new VaultLockedError();
  keyring.touch();
  return keyring.keyringState().dataKey!;
}

export function sealSecret(plaintext: string, aad: string): Uint8Array<ArrayBuffer> {
  return seal(requireDataKey(), plaintext, aad);
}

export function openSecret(blob: Uint8Array, aad: string): string {
  return openSealed(requireDataKey(), blob, aad);
}

/** Keyed digest of an OKX public key: detects duplicates without keeping the key in clear. */
export function apiKeyDigest(apiKey: string): string {
  requireDataKey();
  return createHmac("sha256", keyring.keyringState().digestKey!).update(apiKey).digest("hex");
}
