// The one strength rule behind the setup meter, the change-passphrase meter and lib/vault's refusal.
import { describe, expect, it } from "vitest";
import { passphraseStrength } from "@/lib/vault/passphrase-strength";

describe("master passphrase strength (zxcvbn-ts)", () => {
  it("gives the meter and the server one verdict: the label says 'Very strong' exactly when the passphrase is accepted", () => {
    for (const p of [
      "correct horse battery staple okx",
      "hunter2",
      "password1234567",
      "copper-violin-tundra-57",
      "okx okx okx okx",
      "Keywarden2026!",
      "aaaaaaaaaaaaaaaa",
    ]) {
      const r = passphraseStrength(p);
      expect(r.ok, p).toBe(r.score === 4);
      expect(r.label === "Very strong", p).toBe(r.ok);
      expect(r.reason === null, p).toBe(r.ok);
    }
  });

  it("'correct horse battery staple okx' gets one answer: accepted, since OKX is just one more word among five", () => {
    expect(passphraseStrength("correct horse battery staple okx")).toMatchObject({ ok: true, score: 4, label: "Very strong" });
  });

  it("matches whole words, not letters inside other words: 'badminton' does not count as 'admin'", () => {
    expect(passphraseStrength("badminton racket jungle 7")).toMatchObject({ ok: true });
    expect(passphraseStrength("badminton").reason).toMatch(/at least 12/);
  });

  it("refuses short, common, repetitive and app-themed passphrases with a reason", () => {
    expect(passphraseStrength("short").reason).toMatch(/at least 12/);
    expect(passphraseStrength("password1234567")).toMatchObject({ ok: false, reason: expect.stringMatching(/common/i) });
    expect(passphraseStrength("aaaaaaaaaaaaaaaa")).toMatchObject({ ok: false, reason: expect.stringMatching(/repeat/i) });
    expect(passphraseStrength("okx okx okx okx").ok).toBe(false);
    expect(passphraseStrength("").ok).toBe(false);
  });

  it("leans against the words it is told to avoid (the current passphrase when changing it)", () => {
    const current = "copper-violin-tundra-57";
    expect(passphraseStrength(current).ok).toBe(true);
    expect(passphraseStrength(current, [current]).ok).toBe(false);
  });

  it("accepts a few unrelated words, like the passphrases the tests and the demo use", () => {
    for (const p of [
      "copper-violin-tundra-57",
      "demo-harbor-violet-copper-42",
      "quartz-lantern-meadow-38",
      "granite-orchid-saffron-91",
      "saffron-glacier-tunnel-64",
      "bench-harbor-violet-quartz-93",
    ]) {
      expect(passphraseStrength(p), p).toMatchObject({ ok: true, score: 4 });
    }
  });
});
