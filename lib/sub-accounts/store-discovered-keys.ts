import "server-only";
// What master-key checks do with the sub-account keys they discovered, inside the checks' transaction:
// link the stored keys it recognises (sub-account, managing master key, OKX's real creation time) and
// remember the others, so the master key's page can show keys the user forgot to add. Matching goes by the
// vault's keyed digest of the public key; the public key itself is stored only sealed (adopt and delete-on-OKX
// need it), never in clear.
import type { Actor, AuditEventInput } from "@/lib/event-log/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fingerprint } from "@/lib/keys/fingerprint";
import { parsePerm } from "@/lib/domain";
import { splitList, type AccountConfig } from "@/lib/okx/types";
import { apiKeyDigest, sealSecret } from "@/lib/vault/vault";
import type { DiscoverySummary } from "@/lib/checks/check-dto";
import { storedMessage } from "@/lib/checks/check-record";
import type { DiscoveryResult } from "./discover-keys";

export interface PreparedSubKey {
  subAcct: string;
  label: string;
  fingerprint: string;
  apiKeyDigest: string;
  perm: string;
  ip: string;
  createdAt: Date;
  /** The public key sealed under discoveredKeyAad (never in clear). */
  apiKeyEnc: Uint8Array<ArrayBuffer>;
  subFrozen: boolean;
}

/** Binds a sealed discovered public key to its master key and digest: a blob moved to another row refuses to open. */
export function discoveredKeyAad(masterKeyId: string, digest: string): string {
  return `discovered:${masterKeyId}:${digest}:apiKey`;
}

export type PreparedDiscovery = { ok: true; subAccounts: number; keys: PreparedSubKey[] } | { ok: false; code: string; message: string };

/** Digests, fingerprints and sealed public keys, computed before the transaction (needs the unlocked vault). */
export function prepareDiscovery(result: DiscoveryResult, masterKeyId: string): PreparedDiscovery {
  if (!result.ok) {
    const e = result.error;
    return { ok: false, code: e.code, message: storedMessage(e) };
  }
  return {
    ok: true,
    subAccounts: result.subAccounts,
    keys: result.keys.map((k) => {
      const digest = apiKeyDigest(k.apiKey);
      return {
        subAcct: k.subAcct,
        label: k.label,
        fingerprint: fingerprint(k.apiKey),
        apiKeyDigest: digest,
        perm: k.permRaw,
        ip: k.ip.join(","),
        createdAt: k.createdAt,
        apiKeyEnc: sealSecret(k.apiKey, discoveredKeyAad(masterKeyId, digest)),
        subFrozen: k.subAccountFrozen,
      };
    }),
  };
}

/** A master key can create and delete sub-account keys (what automated rotation needs). */
function canManage(perm: string | null | undefined, ip: string | null | undefined): boolean {
  return parsePerm(perm ?? "").includes("trade") && splitList(ip ?? "").length > 0;
}

export interface Master {
  id: string;
  label: string;
  config: AccountConfig;
}

export interface DiscoveryWrite {
  master: Master;
  prepared: PreparedDiscovery;
  actor: Actor;
}

/**
 * Stores what the discoveries of one batch of checks found (replacing each master's previous list), links
 * matching stored keys, and returns each one's summary in order plus the audit events to log with the checks.
 * A master without sub-account keys, the common case, costs no statement of its own: the lists are replaced
 * with one DELETE and one INSERT for the whole batch.
 */
export async function applyDiscoveries(
  tx: Prisma.TransactionClient,
  writes: DiscoveryWrite[],
  at: Date,
): Promise<{ summaries: DiscoverySummary[]; events: AuditEventInput[] }> {
  const events: AuditEventInput[] = [];
  // The same master twice in one batch (a "Check now" during check-all): both stored lists would be the
  // same account's, and done one after the other the later would replace the earlier, so only the last is applied.
  const applied = new Map<string, DiscoveryWrite & { prepared: { ok: true } }>();
  for (const w of writes) if (w.prepared.ok) applied.set(w.master.id, w as DiscoveryWrite & { prepared: { ok: true } });
  // A failed discovery keeps the previous list (with its seenAt): better than an empty one while OKX is unreachable.
  // A key listed again keeps its row id: the unmanaged key's page and forms name it by that id, and a check of
  // the master key meanwhile must not turn an open page into "not found".
  const before = applied.size
    ? await tx.discoveredSubKey.findMany({ where: { masterKeyId: { in: [...applied.keys()] } }, select: { id: true, masterKeyId: true, apiKeyDigest: true } })
    : [];
  const idOf = new Map(before.map((r) => [`${r.masterKeyId}\n${r.apiKeyDigest}`, r.id]));
  if (applied.size) await tx.discoveredSubKey.deleteMany({ where: { masterKeyId: { in: [...applied.keys()] } } });
  const found = [...applied.values()].flatMap(({ master, prepared }) =>
    prepared.keys.map((k) => {
      const id = idOf.get(`${master.id}\n${k.apiKeyDigest}`);
      return { ...(id !== undefined ? { id } : {}), masterKeyId: master.id, seenAt: at, ...k };
    }),
  );
  if (found.length) await tx.discoveredSubKey.createMany({ data: found });
  const linked = new Map<string, number>();
  for (const { master, prepared, actor } of applied.values()) {
    linked.set(master.id, prepared.keys.length ? await linkStoredKeys(tx, master, prepared.keys, actor, events) : 0);
  }
  const summaries = writes.map(({ master, prepared, actor }): DiscoverySummary => {
    const summary: DiscoverySummary = prepared.ok
      ? { ok: true, subAccounts: prepared.subAccounts, keys: prepared.keys.length, linked: linked.get(master.id) ?? 0 }
      : prepared;
    const detail = prepared.ok ? { ...summary } : { ok: false, code: prepared.code };
    events.push({ action: "key.discover_sub_accounts", keyId: master.id, keyLabel: master.label, actor, detail });
    return summary;
  });
  return { summaries, events };
}

/** Links the stored keys among one master's discovered ones; returns how many were found. */
async function linkStoredKeys(tx: Prisma.TransactionClient, master: Master, keys: PreparedSubKey[], actor: Actor, events: AuditEventInput[]): Promise<number> {
  const byDigest = new Map(keys.map((k) => [k.apiKeyDigest, k]));
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
    events.push({
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
    });
  }
  return stored.length;
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
