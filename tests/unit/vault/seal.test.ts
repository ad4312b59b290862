import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { open, seal, secretAad, SealOpenError } from "@/lib/vault/seal";

const key = randomBytes(32);

describe("AES-256-GCM seal/open", () => {
  it("round-trips any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.uuid(), (text, id) => {
        expect(open(key, seal(key, text, secretAad(id, "secretKey")), secretAad(id, "secretKey"))).toBe(text);
      }),
    );
  });

  it("uses a fresh IV each time", () => {
    const a = seal(key, "same", "k:f");
    const b = seal(key, "same", "k:f");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it("refuses a flipped byte anywhere in the envelope", () => {
    const blob = seal(key, "0123456789ABCDEF0123456789ABCDEF", "k1:secretKey");
    for (let i = 0; i < blob.length; i++) {
      const bad = Uint8Array.from(blob);
      bad[i] ^= 0x01;
      expect(() => open(key, bad, "k1:secretKey")).toThrow(SealOpenError);
    }
  });

  it("refuses a ciphertext moved to another row or field (AAD)", () => {
    const blob = seal(key, "s3cret", secretAad("row-1", "secretKey"));
    expect(() => open(key, blob, secretAad("row-2", "secretKey"))).toThrow(SealOpenError);
    expect(() => open(key, blob, secretAad("row-1", "passphrase"))).toThrow(SealOpenError);
  });

  it("refuses another data key and truncated input", () => {
    const blob = seal(key, "s3cret", "a:b");
    expect(() => open(randomBytes(32), blob, "a:b")).toThrow(SealOpenError);
    expect(() => open(key, blob.slice(0, 20), "a:b")).toThrow(SealOpenError);
  });
});
