// Vault + key store against a real SQLite file: envelope encryption, backoff that survives a "restart",
// validation that loses nothing, and a canary secret that must never be in the database file in clear.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { integrationEnv } from "../../support/integration-env";

const MASTER = "copper-violin-tundra-57";
const CANARY_SECRET = "CAFEBABE0123456789ABCDEFCANARY01";
const CANARY_PASS = "canary-Passphrase-77";
const CANARY_KEY = "c0ffee00-1111-4222-8333-444455556666";

const env = integrationEnv({ prefix: "kw-test-" });
let dir: string;
let vault: typeof import("@/lib/vault/vault");
let keys: typeof import("@/lib/keys/key-store");
let creds: typeof import("@/lib/keys/credentials");
let keyring: typeof import("@/lib/vault/keyring");
let dbmod: typeof import("@/lib/db/client");

const base = {
  label: "grid bot",
  region: "global",
  demo: false,
  purpose: "trade",
  usedBy: "freqtrade @ 10.0.0.5\ntax export",
  createdOn: "2026-01-10",
  notes: "",
  apiKey: CANARY_KEY,
  secretKey: CANARY_SECRET,
  passphrase: CANARY_PASS,
};

beforeAll(async () => {
  dir = env.dir;
  dbmod = await import("@/lib/db/client");
  vault = await import("@/lib/vault/vault");
  keys = await import("@/lib/keys/key-store");
  creds = await import("@/lib/keys/credentials");
  keyring = await import("@/lib/vault/keyring");
});

describe("vault", () => {
  it("refuses a weak master passphrase with a reason and creates nothing", async () => {
    await expect(vault.createVault("short")).rejects.toMatchObject({ code: "invalid", fieldErrors: { passphrase: [expect.stringMatching(/12/)] } });
    expect(await vault.vaultExists()).toBe(false);
  });

  it("creates, locks and unlocks; the data directory and file are private", async () => {
    await vault.createVault(MASTER);
    expect((await vault.vaultStatus()).unlocked).toBe(true);
    await vault.lockVault();
    expect((await vault.vaultStatus()).unlocked).toBe(false);
    expect(() => vault.sealSecret("x", "a:b")).toThrow(/locked/);
    await vault.unlockVault(MASTER);
    expect((await vault.vaultStatus()).unlocked).toBe(true);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, "keywarden.db")).mode & 0o777).toBe(0o600);
  });

  it("auto-locks after the idle timeout on its own, with no request needed, and logs it", async () => {
    keyring.setIdleMs(50);
    await new Promise((r) => setTimeout(r, 150));
    // Read the state directly: isUnlocked() would itself lock, which is not what is being tested.
    expect(keyring.keyringState().dataKey).toBeNull();
    const prisma = await (await import("@/lib/db/client")).db();
    // The event is written right after the lock, without anyone waiting on it: poll briefly for it.
    await expect
      .poll(async () => (await prisma.auditEvent.findFirst({ where: { action: "vault.lock" }, orderBy: { id: "desc" } }))?.detail, { timeout: 5000 })
      .toBe(JSON.stringify({ reason: "idle" }));
    keyring.setIdleMs(15 * 60_000);
    await vault.unlockVault(MASTER);
  });

  it("activity keeps the vault unlocked past the idle time counted from the unlock", async () => {
    // Generous margins: a busy CI machine may run a 100 ms timer late, never early.
    keyring.setIdleMs(1000);
    const until = Date.now() + 2000;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      keyring.touch();
    }
    expect(keyring.keyringState().dataKey).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1500));
    expect(keyring.keyringState().dataKey).toBeNull();
    keyring.setIdleMs(15 * 60_000);
    await vault.unlockVault(MASTER);
  });
});

describe("key store", () => {
  let id: string;

  it("adds a key and returns a DTO without secrets", async () => {
    const dto = await keys.addKey(base);
    id = dto.id;
    expect(dto.fingerprint).toBe("c0ff…6666");
    expect(dto.consumers).toEqual([{ name: "freqtrade", host: "10.0.0.5" }, { name: "tax export" }]);
    expect(JSON.stringify(dto)).not.toContain(CANARY_SECRET);
    expect(JSON.stringify(await keys.listKeys())).not.toContain(CANARY_KEY);
  });

  it("opens the secrets only through loadKeyCredentials", async () => {
    const c = await creds.loadKeyCredentials(id);
    expect(c).toMatchObject({ apiKey: CANARY_KEY, secretKey: CANARY_SECRET, passphrase: CANARY_PASS });
  });

  it("refuses duplicates, padding, oversize and future dates with field messages, storing nothing", async () => {
    const before = (await keys.listKeys()).length;
    await expect(keys.addKey({ ...base, label: "other" })).rejects.toMatchObject({
      fieldErrors: { apiKey: [expect.stringMatching(/already stored as “grid bot”/)] },
    });
    await expect(keys.addKey({ ...base, apiKey: "different-key" })).rejects.toMatchObject({ fieldErrors: { label: [expect.stringMatching(/Another key/)] } });
    await expect(keys.addKey({ ...base, label: " padded ", apiKey: "k2" })).rejects.toMatchObject({
      fieldErrors: { label: [expect.stringMatching(/spaces/)] },
    });
    await expect(keys.addKey({ ...base, label: "x".repeat(65), apiKey: "k3" })).rejects.toMatchObject({
      fieldErrors: { label: [expect.stringMatching(/at most 64/)] },
    });
    await expect(keys.addKey({ ...base, label: "", apiKey: "k4" })).rejects.toMatchObject({ fieldErrors: { label: [expect.stringMatching(/required/)] } });
    await expect(keys.addKey({ ...base, label: "future", apiKey: "k5", createdOn: "2999-01-01" })).rejects.toMatchObject({
      fieldErrors: { createdOn: [expect.stringMatching(/future/)] },
    });
    expect((await keys.listKeys()).length).toBe(before);
  });

  it("needs a created-on date or an explicit 'unknown', which counts from the day it was added (and back)", async () => {
    await expect(keys.addKey({ ...base, label: "no date", apiKey: "k6", createdOn: "" })).rejects.toMatchObject({
      fieldErrors: { createdOn: [expect.stringMatching(/or tick “I don't know”/)] },
    });
    const unknown = await keys.addKey({ ...base, label: "unknown date", apiKey: "k7", createdOn: "unknown" });
    expect(unknown).toMatchObject({ createdOnSource: "added", createdOn: unknown.addedAt.slice(0, 10) });
    const dated = await keys.updateKeyMetadata(unknown.id, { ...base, label: "unknown date", createdOn: "2025-05-05" });
    expect(dated).toMatchObject({ createdOnSource: "user", createdOn: "2025-05-05" });
    const again = await keys.updateKeyMetadata(unknown.id, { ...base, label: "unknown date", createdOn: "unknown" });
    expect(again).toMatchObject({ createdOnSource: "added", createdOn: unknown.addedAt.slice(0, 10) });
    await keys.deleteKey(unknown.id, "unknown date");
  });

  it("two adds of the same new key at once: one is stored, the other gets the field message", async () => {
    const twin = { ...base, label: "twin", apiKey: "aaaa0000-1111-4222-8333-44445555abcd" };
    const results = await Promise.allSettled([keys.addKey(twin), keys.addKey(twin)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({
      fieldErrors: { label: [expect.stringMatching(/Another key/)], apiKey: [expect.stringMatching(/already stored as “twin”/)] },
    });
    const stored = (await keys.listKeys()).filter((k) => k.label === "twin");
    expect(stored).toHaveLength(1);
    await keys.deleteKey(stored[0].id, "twin");
  });

  it("edits metadata and replaces secrets, logging each change without secrets", async () => {
    const edited = await keys.updateKeyMetadata(id, { ...base, label: "grid bot v2", purpose: "read" });
    expect(edited).toMatchObject({ label: "grid bot v2", purpose: "read" });
    const replaced = await keys.replaceSecrets(id, { apiKey: "aaaa0000-1111-4222-8333-444455559999", secretKey: CANARY_SECRET, passphrase: CANARY_PASS });
    expect(replaced.fingerprint).toBe("aaaa…9999");
    const prisma = await dbmod.db();
    const events = await prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["vault.create", "key.add", "key.edit", "key.replace-secrets"]));
    expect(JSON.stringify(events)).not.toMatch(new RegExp(`${CANARY_SECRET}|${CANARY_PASS}|${MASTER}`));
  });

  it("replaces just the passphrase or just the secret key; the other sealed fields stay", async () => {
    const before = await creds.loadKeyCredentials(id);
    await keys.replaceSecretFields(id, "passphrase", { passphrase: "Only-The-Passphrase-1" });
    expect(await creds.loadKeyCredentials(id)).toMatchObject({ apiKey: before.apiKey, secretKey: before.secretKey, passphrase: "Only-The-Passphrase-1" });
    await keys.replaceSecretFields(id, "secretKey", { secretKey: "B".repeat(32) });
    expect(await creds.loadKeyCredentials(id)).toMatchObject({ apiKey: before.apiKey, secretKey: "B".repeat(32), passphrase: "Only-The-Passphrase-1" });
    await expect(keys.replaceSecretFields(id, "passphrase", { passphrase: "" })).rejects.toMatchObject({
      fieldErrors: { passphrase: [expect.stringMatching(/required/)] },
    });
    await keys.replaceSecretFields(id, "all", { apiKey: before.apiKey, secretKey: before.secretKey, passphrase: before.passphrase });
    expect(await creds.loadKeyCredentials(id)).toMatchObject({ apiKey: before.apiKey, secretKey: before.secretKey, passphrase: before.passphrase });
  });

  it("keeps a key's own OKX host, hands it to the client as the key's base URL, and logs a change of it", async () => {
    expect((await creds.loadKeyCredentials(id)).baseUrl).toBeNull();
    const current = await keys.getKey(id);
    const edited = await keys.updateKeyMetadata(id, { ...base, label: current.label, purpose: current.purpose, region: "us", host: "us.okx.com" });
    expect(edited.host).toBe("https://us.okx.com");
    expect((await creds.loadKeyCredentials(id)).baseUrl).toBe("https://us.okx.com");
    const prisma = await dbmod.db();
    const event = await prisma.auditEvent.findFirst({ where: { action: "key.edit" }, orderBy: { id: "desc" } });
    expect(JSON.parse(event!.detail).changed).toEqual(expect.arrayContaining(["region", "host"]));
    await expect(keys.updateKeyMetadata(id, { ...base, label: current.label, host: "https://okx.example" })).rejects.toMatchObject({
      fieldErrors: { host: [expect.stringMatching(/okx\.com/)] },
    });
    expect((await keys.getKey(id)).host).toBe("https://us.okx.com");
  });

  it("deletes only when the label is typed back", async () => {
    await expect(keys.deleteKey(id, "grid bot")).rejects.toMatchObject({ fieldErrors: { confirm: [expect.any(String)] } });
    await keys.deleteKey(id, "grid bot v2");
    await expect(keys.getKey(id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("keeps canary secrets out of the SQLite file and its WAL", async () => {
    await keys.addKey({ ...base, label: "canary" });
    const prisma = await dbmod.db();
    await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(PASSIVE)");
    for (const f of ["keywarden.db", "keywarden.db-wal"]) {
      const p = path.join(dir, f);
      if (!fs.existsSync(p)) continue;
      const bytes = fs.readFileSync(p);
      for (const canary of [CANARY_SECRET, CANARY_PASS, CANARY_KEY, MASTER]) {
        expect(bytes.includes(Buffer.from(canary)), `${canary} in ${f}`).toBe(false);
      }
    }
  });
});

describe("wrong passphrase", () => {
  it("backs off exponentially and the counter survives a restart", async () => {
    await vault.lockVault();
    for (let i = 0; i < 3; i++) {
      const err = await vault.unlockVault("wrong passphrase here").catch((e) => e);
      expect(err.code).toBe(i < 2 ? "wrong-passphrase" : "wrong-passphrase");
      if (i === 2) expect(err.retryAfterMs).toBeGreaterThan(0);
    }
    // Even the right passphrase waits while the backoff runs.
    await expect(vault.unlockVault(MASTER)).rejects.toMatchObject({ code: "backoff" });
    // "Restart": drop the in-memory client; the counter comes back from the database.
    await dbmod.closeDb();
    expect((await vault.vaultStatus()).retryAfterMs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1100));
    await vault.unlockVault(MASTER);
    const prisma = await dbmod.db();
    expect((await prisma.vault.findUniqueOrThrow({ where: { id: 1 } })).failedAttempts).toBe(0);
  });

  it("changes the master passphrase by re-wrapping only; old one stops working", async () => {
    const before = await creds.loadKeyCredentials((await keys.listKeys())[0].id);
    await vault.changePassphrase(MASTER, "granite-orchid-saffron-91");
    await vault.lockVault();
    await expect(vault.unlockVault(MASTER)).rejects.toMatchObject({ code: "wrong-passphrase" });
    await vault.unlockVault("granite-orchid-saffron-91");
    const after = await creds.loadKeyCredentials(before.id);
    expect(after.secretKey).toBe(before.secretKey);
  });
});
