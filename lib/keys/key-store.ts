import "server-only";
// Data access for stored keys. Every write is one transaction with its audit event, so nothing is half-written.
import { randomUUID } from "node:crypto";
import { db, eraseOldPages } from "@/lib/db/client";
import { recordEvent, type Actor, type AuditAction } from "@/lib/event-log/record";
import { AppError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors/app-error";
import { apiKeyDigest, sealSecret } from "@/lib/vault/vault";
import { secretAad } from "@/lib/vault/seal";
import { fingerprint } from "./fingerprint";
import {
  DETECT_FIRST_REGION,
  futureDateError,
  keyMetadataSchema,
  lastUseSchema,
  keySecretsSchema,
  newKeySchema,
  type KeyMetadata,
  type KeySecrets,
  type NewKey,
} from "./key-schema";
import { keyDtoSelect, toKeyDto, type KeyDto } from "./key-dto";
import { parseInput } from "@/lib/errors/parse-input";
import type { Region } from "@/lib/domain";
import type { Prisma } from "@/lib/generated/prisma/client";

function checkDate(meta: Pick<KeyMetadata, "createdOn">) {
  const err = futureDateError(meta.createdOn);
  if (err) throw new ValidationError({ createdOn: [err] });
}

// Runs inside the write's transaction: transactions are serialized (lib/db), so two adds of the same key at
// once cannot both pass the check, and the loser gets the field message rather than a constraint error.
async function assertUnique(prisma: Prisma.TransactionClient, label: string | null, digest: string | null, exceptId?: string) {
  const fieldErrors: FieldErrors = {};
  if (label !== null) {
    const other = await prisma.apiKey.findUnique({ where: { label }, select: { id: true } });
    if (other && other.id !== exceptId) fieldErrors.label = ["Another key already has this label."];
  }
  if (digest !== null) {
    const other = await prisma.apiKey.findUnique({ where: { apiKeyDigest: digest }, select: { id: true, label: true } });
    if (other && other.id !== exceptId) fieldErrors.apiKey = [`This API key is already stored as “${other.label}”.`];
  }
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
}

/**
 * A key in an open rotation is the one thing that rotation relies on (the old key until OKX confirms it gone, the
 * new key once verified): deleting it, swapping its secrets or pointing it at another host or environment would
 * let the rotation finish on facts that are no longer true. `rotationId` lets that rotation's own steps through.
 */
async function refuseDuringRotation(tx: Prisma.TransactionClient, keyId: string, what: string, rotationId?: string): Promise<void> {
  const open = await tx.rotation.findFirst({
    where: { endedAt: null, OR: [{ oldKeyId: keyId }, { newKeyId: keyId }], ...(rotationId ? { NOT: { id: rotationId } } : {}) },
    select: { oldKey: { select: { label: true } } },
  });
  if (open) {
    throw new AppError(
      `${what} is not possible while the rotation of “${open.oldKey.label}” is in progress. Finish or abandon that rotation first.`,
      "rotation-open",
    );
  }
}

function sealAll(id: string, s: KeySecrets) {
  return {
    apiKeyEnc: sealSecret(s.apiKey, secretAad(id, "apiKey")),
    secretEnc: sealSecret(s.secretKey, secretAad(id, "secretKey")),
    passphraseEnc: sealSecret(s.passphrase, secretAad(id, "passphrase")),
    apiKeyDigest: apiKeyDigest(s.apiKey),
    fingerprint: fingerprint(s.apiKey),
  };
}

export interface AddKeyOptions {
  actor?: Actor;
  createdOnSource?: "user" | "added" | "okx";
  subAcct?: string | null;
  parentKeyId?: string | null;
  /** OKX's exact creation time (`ts`), stored instead of the day the form gives (adopting an unmanaged key). */
  createdAtExact?: Date;
  /** Another event to log in the same transaction as "key.add" (e.g. "key.adopt"): both or neither. */
  alsoRecord?: { action: AuditAction; detail: Record<string, unknown> };
}

const today = () => new Date().toISOString().slice(0, 10);

/** Adds a key from form or CLI input: the text is checked against the shared schema first. */
export async function addKey(input: unknown, opts: AddKeyOptions = {}): Promise<KeyDto> {
  return addParsedKey(parseInput(newKeySchema, input), opts);
}

/** Adds a key built by code from already-checked parts (a rotation's replacement), with no round trip through form text. */
export async function addParsedKey(data: NewKey, opts: AddKeyOptions = {}): Promise<KeyDto> {
  checkDate(data);
  // "I don't know" is stored as the day it was added, marked "added": the age rule says the age is unknown.
  const createdOn = data.createdOn ?? today();
  const createdOnSource = data.createdOn === null ? "added" : (opts.createdOnSource ?? "user");
  const id = randomUUID();
  const sealed = sealAll(id, data);
  const region = data.region === "detect" ? DETECT_FIRST_REGION : data.region;
  const prisma = await db();
  const row = await prisma.$transaction(async (tx) => {
    await assertUnique(tx, data.label, sealed.apiKeyDigest);
    const created = await tx.apiKey.create({
      data: {
        id,
        label: data.label,
        region,
        host: data.host,
        demo: data.demo,
        purpose: data.purpose,
        usedBy: JSON.stringify(data.usedBy),
        notes: data.notes,
        createdOn: opts.createdAtExact ?? new Date(`${createdOn}T00:00:00Z`),
        createdOnSource,
        subAcct: opts.subAcct ?? null,
        parentKeyId: opts.parentKeyId ?? null,
        ...sealed,
      },
      select: keyDtoSelect,
    });
    await recordEvent(
      {
        action: "key.add",
        actor: opts.actor,
        keyId: id,
        keyLabel: data.label,
        detail: { fingerprint: sealed.fingerprint, purpose: data.purpose, region, demo: data.demo, ...(data.region === "detect" ? { detect: true } : {}) },
      },
      tx,
    );
    if (opts.alsoRecord) await recordEvent({ ...opts.alsoRecord, actor: opts.actor, keyId: id, keyLabel: data.label }, tx);
    return created;
  });
  return toKeyDto(row);
}

export async function listKeys(opts: { includeRetired?: boolean } = {}): Promise<KeyDto[]> {
  const prisma = await db();
  const rows = await prisma.apiKey.findMany({
    where: opts.includeRetired ? {} : { status: "active" },
    select: keyDtoSelect,
    orderBy: { label: "asc" },
  });
  return rows.map(toKeyDto);
}

export async function getKey(id: string): Promise<KeyDto> {
  const prisma = await db();
  const row = await prisma.apiKey.findUnique({ where: { id }, select: { ...keyDtoSelect, secretEnc: true } });
  if (!row) throw new NotFoundError("This key");
  const { secretEnc, ...rest } = row;
  return toKeyDto({ ...rest, hasSecrets: secretEnc !== null });
}

export async function updateKeyMetadata(id: string, input: unknown, actor: Actor = "web"): Promise<KeyDto> {
  const data = parseInput(keyMetadataSchema, input);
  checkDate(data);
  const before = await getKey(id);
  // Unknown again: count from the day it was added. A date the user confirms unchanged keeps where it came from.
  const createdOn = data.createdOn ?? before.addedAt.slice(0, 10);
  const createdOnSource =
    data.createdOn === null ? "added" : data.createdOn === before.createdOn && before.createdOnSource !== "added" ? before.createdOnSource : "user";
  const prisma = await db();
  const row = await prisma.$transaction(async (tx) => {
    await assertUnique(tx, data.label, null, id);
    if (data.region !== before.region || data.host !== before.host || data.demo !== before.demo) {
      await refuseDuringRotation(tx, id, "Changing the region, host or demo flag");
    }
    const updated = await tx.apiKey.update({
      where: { id },
      data: {
        label: data.label,
        region: data.region,
        host: data.host,
        demo: data.demo,
        purpose: data.purpose,
        usedBy: JSON.stringify(data.usedBy),
        notes: data.notes,
        createdOn: new Date(`${createdOn}T00:00:00Z`),
        createdOnSource,
      },
      select: keyDtoSelect,
    });
    const after = { ...data, createdOn };
    const changed = (["label", "region", "host", "demo", "purpose", "createdOn", "notes"] as const).filter((f) => String(before[f]) !== String(after[f]));
    if (before.createdOnSource !== createdOnSource && !changed.includes("createdOn")) changed.push("createdOn");
    if (JSON.stringify(before.consumers) !== JSON.stringify(data.usedBy)) changed.push("consumers" as never);
    await recordEvent({ action: "key.edit", actor, keyId: id, keyLabel: data.label, detail: { changed, previousLabel: before.label } }, tx);
    return updated;
  });
  return toKeyDto(row);
}

/**
 * The owner vouches that a consumer used the key on this day (or clears it with ""). Not before the key's
 * created-on date and not in the future: the 14-day deletion countdown runs from it.
 */
export async function setLastUsedOn(id: string, input: unknown, actor: Actor = "web"): Promise<KeyDto> {
  const { lastUsedOn } = parseInput(lastUseSchema, input);
  const before = await getKey(id);
  if (lastUsedOn !== null) {
    if (lastUsedOn > new Date().toISOString().slice(0, 10)) throw new ValidationError({ lastUsedOn: ["The last use cannot be in the future."] });
    if (lastUsedOn < before.createdOn)
      throw new ValidationError({ lastUsedOn: [`The key was created on ${before.createdOn}: it cannot have been used before that.`] });
  }
  const prisma = await db();
  const row = await prisma.$transaction(async (tx) => {
    const updated = await tx.apiKey.update({
      where: { id },
      data: { lastUsedOn: lastUsedOn === null ? null : new Date(`${lastUsedOn}T00:00:00Z`) },
      select: keyDtoSelect,
    });
    await recordEvent({ action: "key.last_used", actor, keyId: id, keyLabel: before.label, detail: { from: before.lastUsedOn, to: lastUsedOn } }, tx);
    return updated;
  });
  return toKeyDto(row);
}

export async function replaceSecrets(id: string, input: unknown, actor: Actor = "web", opts: { rotationId?: string } = {}): Promise<KeyDto> {
  const secrets = parseInput(keySecretsSchema, input);
  const before = await getKey(id);
  const sealed = sealAll(id, secrets);
  const prisma = await db();
  const row = await prisma.$transaction(async (tx) => {
    await assertUnique(tx, null, sealed.apiKeyDigest, id);
    await refuseDuringRotation(tx, id, "Replacing the secrets", opts.rotationId);
    const updated = await tx.apiKey.update({ where: { id }, data: sealed, select: keyDtoSelect });
    await recordEvent(
      { action: "key.replace-secrets", actor, keyId: id, keyLabel: before.label, detail: { from: before.fingerprint, to: sealed.fingerprint } },
      tx,
    );
    return updated;
  });
  await eraseOldPages();
  return toKeyDto(row);
}

/** Which stored credentials a replace touches: one field (the others stay as they are) or all three. */
export const SECRET_FIELD_CHOICES = ["passphrase", "secretKey", "apiKey", "all"] as const;
export type SecretFieldChoice = (typeof SECRET_FIELD_CHOICES)[number];

/**
 * Replaces one credential, or all three, of a stored key. A wrong passphrase (50105) or secret (50113) needs only
 * that field re-entered: the other sealed fields are left untouched, so the user need not have them at hand.
 */
export async function replaceSecretFields(id: string, field: SecretFieldChoice, input: unknown, actor: Actor = "web"): Promise<KeyDto> {
  if (field === "all") return replaceSecrets(id, input, actor);
  const one = parseInput(keySecretsSchema.pick({ [field]: true } as Record<typeof field, true>), input) as Partial<KeySecrets>;
  const value = one[field]!;
  const before = await getKey(id);
  if (!before.hasSecrets) throw new ValidationError({}, "This key's secrets were destroyed: enter all three to use it again.");
  const data =
    field === "apiKey"
      ? { apiKeyEnc: sealSecret(value, secretAad(id, "apiKey")), apiKeyDigest: apiKeyDigest(value), fingerprint: fingerprint(value) }
      : field === "secretKey"
        ? { secretEnc: sealSecret(value, secretAad(id, "secretKey")) }
        : { passphraseEnc: sealSecret(value, secretAad(id, "passphrase")) };
  const prisma = await db();
  const row = await prisma.$transaction(async (tx) => {
    if (field === "apiKey") await assertUnique(tx, null, (data as { apiKeyDigest: string }).apiKeyDigest, id);
    await refuseDuringRotation(tx, id, "Replacing the secrets");
    const updated = await tx.apiKey.update({ where: { id }, data, select: keyDtoSelect });
    await recordEvent(
      {
        action: "key.replace-secrets",
        actor,
        keyId: id,
        keyLabel: before.label,
        detail: { fields: [field], from: before.fingerprint, to: updated.fingerprint },
      },
      tx,
    );
    return updated;
  });
  await eraseOldPages();
  return toKeyDto(row);
}

/** Deleting asks for the key's label, typed back, so a wrong click cannot remove a key. */
export async function deleteKey(id: string, confirmLabel: string, actor: Actor = "web"): Promise<void> {
  const key = await getKey(id);
  if (confirmLabel !== key.label) {
    throw new ValidationError({ confirm: [`Type the key's label, “${key.label}”, to confirm.`] });
  }
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await refuseDuringRotation(tx, id, "Deleting this key");
    await tx.apiKey.delete({ where: { id } });
    await recordEvent({ action: "key.delete", actor, keyId: id, keyLabel: key.label, detail: { fingerprint: key.fingerprint } }, tx);
  });
  await eraseOldPages();
}

export interface KeyEntity {
  region: Region;
  demo: boolean;
  /** The key's own host, or null for the region's preset. */
  host: string | null;
}

/**
 * Points a key at the entity and environment OKX proved it lives on (entity detection, or the user applying its
 * suggestion), with an audit event saying from → to. Only while the key is still at `from`: an edit made while
 * OKX was answering wins. Returns the updated key, or null when it had moved meanwhile.
 */
export async function setKeyEntity(
  id: string,
  from: KeyEntity,
  to: KeyEntity,
  opts: { actor?: Actor; action: AuditAction; detail?: Record<string, unknown>; byUser?: boolean },
): Promise<KeyDto | null> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    // The user's own change follows the edit form's rule; detection only corrects where checks go, which an open
    // rotation needs to be right (a 50119 on the wrong host must not read as the old key being gone).
    if (opts.byUser) await refuseDuringRotation(tx, id, "Changing the region, host or demo flag");
    const { count } = await tx.apiKey.updateMany({
      where: { id, region: from.region, demo: from.demo, host: from.host },
      data: { region: to.region, demo: to.demo, host: to.host },
    });
    if (count === 0) return null;
    const row = await tx.apiKey.findUniqueOrThrow({ where: { id }, select: keyDtoSelect });
    await recordEvent({ action: opts.action, actor: opts.actor, keyId: id, keyLabel: row.label, detail: { from, to, ...opts.detail } }, tx);
    return toKeyDto(row);
  });
}
