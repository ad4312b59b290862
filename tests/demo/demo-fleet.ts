// Turns the simulator's seed into what Keywarden stores: each seeded key's `vault` block (label, purpose,
// created date, consumers) plus its credentials, added through lib/keys like the dashboard would.
import fs from "node:fs";
import { addKey, listKeys } from "@/lib/keys/key-store";
import { checkAll, type CheckAllSummary } from "@/lib/checks";
import type { SimSeed, SimKeyInput } from "../okx-sim";

const DAY_MS = 86_400_000;

function createdOn(k: SimKeyInput, now: number): string {
  const v = k.vault!;
  if (v.createdOn) return v.createdOn;
  const days = v.createdDaysAgo ?? k.createdDaysAgo ?? 0;
  return new Date(now - days * DAY_MS).toISOString().slice(0, 10);
}

/** The key that manages a sub-account's keys: a trade key of the master account, bound to an IP (OKX requires it). */
function managingKey(seed: SimSeed, subKey: SimKeyInput): SimKeyInput | undefined {
  const master = seed.accounts.find((a) => a.subAccounts?.some((s) => s.uid === subKey.uid));
  if (!master) return undefined;
  const perm = (k: SimKeyInput) => (Array.isArray(k.perm) ? k.perm.join(",") : k.perm);
  const ip = (k: SimKeyInput) => (Array.isArray(k.ip) ? k.ip.join(",") : (k.ip ?? ""));
  const eligible = seed.keys.filter((k) => k.uid === master.uid && !k.subAcct && k.vault && perm(k).includes("trade") && ip(k) !== "" && !k.deleted);
  // Several master keys may qualify (a bound trading bot too); the seed marks the managing one by its use.
  return eligible.find((k) => /sub-?account|rotation/i.test(`${k.label} ${k.vault?.consumers ?? ""}`)) ?? eligible[0];
}

export function readSeed(file: string): SimSeed {
  return JSON.parse(fs.readFileSync(file, "utf8")) as SimSeed;
}

/** Adds every seeded key that has a `vault` block; returns how many. The vault must be unlocked. */
export async function addSeededKeys(seed: SimSeed, now = Date.now()): Promise<number> {
  const ids = new Map<string, string>(); // apiKey → Keywarden id
  // Masters first, so a sub-account key can point at the key that manages it.
  const ordered = [...seed.keys.filter((k) => !k.subAcct), ...seed.keys.filter((k) => k.subAcct)];
  for (const k of ordered) {
    if (!k.vault) continue;
    const parent = k.subAcct ? managingKey(seed, k) : undefined;
    const dto = await addKey(
      {
        label: k.vault.label,
        purpose: k.vault.purpose,
        region: k.vault.region ?? k.region ?? "global",
        demo: k.demo ?? false,
        createdOn: createdOn(k, now),
        usedBy: k.vault.consumers ?? "",
        notes: "Demo key (OKX simulator).",
        apiKey: k.apiKey,
        secretKey: k.secretKey,
        passphrase: k.passphrase,
      },
      {
        actor: "system",
        createdOnSource: "user",
        subAcct: k.subAcct ?? null,
        parentKeyId: parent ? (ids.get(parent.apiKey) ?? null) : null,
      },
    );
    ids.set(k.apiKey, dto.id);
  }
  return ids.size;
}

export function checkEverything(): Promise<CheckAllSummary> {
  return checkAll({ actor: "system" });
}

/**
 * Keys the seed marks `deletedAfterCheck`: deleted on OKX now (after the check-all that saw them working), as a
 * user would on okx.com, then checked again, so the demo shows a key OKX answered for and now says is gone.
 */
export async function deleteAfterCheck(seed: SimSeed, removeOnOkx: (apiKey: string) => void): Promise<number> {
  const doomed = seed.keys.filter((k) => k.vault?.deletedAfterCheck);
  if (!doomed.length) return 0;
  const labels = new Set(doomed.map((k) => k.vault!.label));
  for (const k of doomed) removeOnOkx(k.apiKey);
  const ids = (await listKeys()).filter((k) => labels.has(k.label)).map((k) => k.id);
  await checkAll({ actor: "system", keyIds: ids });
  return ids.length;
}
