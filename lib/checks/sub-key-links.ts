import "server-only";
// What a master-key check does with the sub-account keys it discovered, inside the check's transaction:
// link the stored keys it recognises (sub-account, managing master key, OKX's real creation time) and
// remember the others, so the master key's page can show keys the user forgot to add. Matching goes by the
// vault's keyed digest of the public key; the public key itself is never stored, only its fingerprint.
import { recordEvent, type Actor } from "@/lib/audit-log/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fingerprint } from "@/lib/keys/fingerprint";
import { parsePerm, splitList, type AccountConfig } from "@/lib/okx/types";
import { apiKeyDigest } from "@/lib/vault/vault";
import type { DiscoverySummary } from "./check-dto";
import { storedMessage } from "./check-record";
import type { DiscoveryResult } from "./sub-account-discovery";

export interface PreparedSubKey {
  subAcct: string;
  label: string;
  fingerprint: string;
  apiKeyDigest: string;
  perm: string;
  ip: string;
  createdAt: Date;
}

export type PreparedDiscovery = { ok: true; subAccounts: number; keys: PreparedSubKey[] } | { ok: false; code: string; message: string };

/** Digests and fingerprints, computed before the transaction (needs the unlocked vault); drops the public keys. */
export function prepareDiscovery(result: DiscoveryResult): PreparedDiscovery {
  if (!result.ok) {
    const e = result.error;
    return { ok: false, code: e.code, message: storedMessage(e) };
  }
  return {
    ok: true,
    subAccounts: result.subAccounts,
    keys: result.keys.map((k) => ({
      subAcct: k.subAcct,
      label: k.label,
      fingerprint: fingerprint(k.apiKey),
      apiKeyDigest: apiKeyDigest(k.apiKey),
      perm: k.permRaw,
      ip: k.ip.join(","),
      createdAt: k.createdAt,
    })),
  };
}

/** A master key can create and delete sub-account keys (what automated rotation needs). */
function canManage(perm: string | null | undefined, ip: string | null | undefined): boolean {
  return parsePerm(perm ?? "").includes("trade") && splitList(ip ?? "").length > 0;
}

interface Master {
  id: string;
  label: string;
  config: AccountConfig;
}

/** Stores what discovery found (replacing the master's previous list) and links matching stored keys. */
export async function applyDiscovery(
  tx: Prisma.TransactionClient,
  master: Master,
  prepared: PreparedDiscovery,
  at: Date,
  actor: Actor,
): Promise<DiscoverySummary> {
  if (!prepared.ok) {
    // The previous list is kept (with its seenAt), better than an empty one while OKX is unreachable.
    await recordEvent(
      { action: "key.discover_sub_accounts", keyId: master.id, keyLabel: master.label, actor, detail: { ok: false, code: prepared.code } },
      tx,
    );
    return prepared;
  }
  await tx.discoveredSubKey.deleteMany({ where: { masterKeyId: master.id } });
  if (prepared.keys.length) {
    await tx.discoveredSubKey.createMany({ data: prepared.keys.map((k) => ({ masterKeyId: master.id, seenAt: at, ...k })) });
  }
  const byDigest = new Map(prepared.keys.map((k) => [k.apiKeyDigest, k]));
  const stored = await tx.apiKey.findMany({
    where: { apiKeyDigest: { in: [...byDigest.keys()] } },
    select: { id: true, label: true, apiKeyDigest: true, subAcct: true, parentKeyId: true, createdOn: true, createdOnSource: true },
  });
  const masterManages = canManage(master.config.permRaw, master.config.ip.join(","));
  for (const key of stored) {
    const found = byDigest.get(key.apiKeyDigest)!;
    const parentKeyId = (await keepParent(tx, key.parentKeyId, master, masterManages)) ? key.parentKeyId : master.id;
    const changed: string[] = [];
    if (key.subAcct !== found.subAcct) changed.push("subAcct");
    if (key.parentKeyId !== parentKeyId) changed.push("parentKeyId");
    if (key.createdOnSource !== "okx" || key.createdOn.getTime() !== found.createdAt.getTime()) changed.push("createdOn");
    if (!changed.length) continue;
    await tx.apiKey.update({
      where: { id: key.id },
      data: { subAcct: found.subAcct, parentKeyId, createdOn: found.createdAt, createdOnSource: "okx" },
    });
    await recordEvent(
      {
        action: "key.sub_account_link",
        keyId: key.id,
        keyLabel: key.label,
        actor,
        detail: {
          changed,
          subAcct: found.subAcct,
          previousSubAcct: key.subAcct,
          parentKeyId,
          parentLabel: parentKeyId === master.id ? master.label : undefined,
          previousParentKeyId: key.parentKeyId,
          createdOn: found.createdAt.toISOString(),
          previousCreatedOn: key.createdOn.toISOString(),
          previousCreatedOnSource: key.createdOnSource,
        },
      },
      tx,
    );
  }
  const summary: DiscoverySummary = { ok: true, subAccounts: prepared.subAccounts, keys: prepared.keys.length, linked: stored.length };
  await recordEvent(
    { action: "key.discover_sub_accounts", keyId: master.id, keyLabel: master.label, actor, detail: { ...summary } },
    tx,
  );
  return summary;
}

/**
 * Whether a key's current master link should stay. Several master keys of one account may all discover the
 * same sub-account keys (check-all checks each): the link must not flip between them on every run. It moves
 * only when the current parent is gone, unusable, of another account, or cannot manage sub-account keys
 * while this master can.
 */
async function keepParent(tx: Prisma.TransactionClient, currentId: string | null, master: Master, masterManages: boolean): Promise<boolean> {
  if (currentId === null) return false;
  if (currentId === master.id) return true;
  const parent = await tx.apiKey.findUnique({ where: { id: currentId }, select: { status: true, secretEnc: true } });
  if (!parent || parent.status !== "active" || parent.secretEnc === null) return false;
  const last = await tx.check.findFirst({
    where: { keyId: currentId, outcome: "ok" },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { uid: true, mainUid: true, perm: true, ip: true },
  });
  // Never checked: we cannot tell, so the user's (or the demo's) choice stands.
  if (!last) return true;
  if (last.uid !== master.config.uid || last.mainUid !== last.uid) return false;
  return canManage(last.perm, last.ip) || !masterManages;
}
