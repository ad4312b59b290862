// Errors the user may see. Everything else is logged server-side and shown as a generic message
// (see to-user-message.ts), so raw exception text never reaches a page.

import { damageMessage } from "@/lib/db/damage-message.mjs";
import type { DatabaseDamage } from "@/lib/db/database-health.mjs";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    public readonly userMessage: string,
    public readonly code: string,
    public readonly fieldErrors?: FieldErrors,
  ) {
    super(userMessage);
    this.name = "AppError";
  }
}

export class VaultLockedError extends AppError {
  constructor() {
    super("The vault is locked. Unlock it with your master passphrase.", "locked");
  }
}

export class VaultMissingError extends AppError {
  constructor() {
    super("No vault exists yet. Create one first (open the dashboard, or run `keywarden init`).", "no-vault");
  }
}

export class WrongPassphraseError extends AppError {
  constructor(public readonly retryAfterMs: number) {
    super(retryAfterMs > 0 ? `Wrong master passphrase. Try again in ${Math.ceil(retryAfterMs / 1000)} s.` : "Wrong master passphrase.", "wrong-passphrase");
  }
}

export class BackoffError extends AppError {
  constructor(public readonly retryAfterMs: number) {
    super(`Too many wrong passphrases. Wait ${Math.ceil(retryAfterMs / 1000)} s before trying again.`, "backoff");
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(`${what} was not found. It may have been deleted.`, "not-found");
  }
}

export class ValidationError extends AppError {
  constructor(fieldErrors: FieldErrors, message = "Some fields need attention.") {
    super(message, "invalid", fieldErrors);
  }
}

/** The database file is empty or damaged: never read as "no vault", never set up or migrated over. */
export class DatabaseDamagedError extends AppError {
  constructor(public readonly damage: DatabaseDamage) {
    super(damageMessage(damage), "database-damaged");
  }
}
