// AES-256-GCM envelopes for secret fields. Pure (no I/O) so the CLI, tests and benchmarks share it.
// Layout: version(1) | iv(12) | tag(16) | ciphertext. The AAD binds a ciphertext to its row and field, so a
// blob copied into another key's row, or from the secret column into the passphrase column, refuses to open.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = 1 + IV_BYTES + TAG_BYTES;

export class SealOpenError extends Error {
  constructor() {
    super("A sealed value failed its integrity check (tampered, moved, or a different data key).");
    this.name = "SealOpenError";
  }
}

export function secretAad(keyId: string, field: string): string {
  return `${keyId}:${field}`;
}

export function seal(dataKey: Buffer, plaintext: string | Buffer, aad: string): Uint8Array<ArrayBuffer> {
  if (dataKey.length !== 32) throw new Error("data key must be 32 bytes");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", dataKey, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  // A plain Uint8Array over its own ArrayBuffer is what Prisma's Bytes columns accept.
  return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]));
}

export function openRaw(dataKey: Buffer, blob: Uint8Array, aad: string): Buffer {
  const buf = Buffer.from(blob);
  if (buf.length < HEADER || buf[0] !== VERSION) throw new SealOpenError();
  const decipher = createDecipheriv("aes-256-gcm", dataKey, buf.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(buf.subarray(1 + IV_BYTES, HEADER));
  try {
    return Buffer.concat([decipher.update(buf.subarray(HEADER)), decipher.final()]);
  } catch {
    throw new SealOpenError();
  }
}

export function open(dataKey: Buffer, blob: Uint8Array, aad: string): string {
  return openRaw(dataKey, blob, aad).toString("utf8");
}
