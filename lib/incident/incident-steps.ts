import "server-only";
// Incident response for one consumer: open (the plan), then advance (confirm, delete what the API can, verify).
// Sub-account keys are deleted through their stored master key the way automated rotation deletes an old key
// (lib/rotation/automated-steps.ts): intent stored first, the master's listing asked before and after, and the key
// counts as gone only when its host, which answered for it before, says 50119 (lib/checks/key-gone.ts). Master-account
// keys are deleted by the user on okx.com and verified with the same proof as the guided rotation. A verified key is
// retired and its secrets destroyed in the same transaction, like a finished rotation. Every step is committed before
// the next OKX call, so a killed process resumes from the stored incident by calling advance again.
import { db, eraseOldPages } from "@/lib/db/client";
import { checkKey } from "@/lib/checks/check-key";
import { goneOnOkx } from "@/lib/checks/key-gone";
import { loadKeyCredentials, type KeyCredentials } from "@/lib/keys/credentials";
import { recordEvent, type Actor } from "@/lib/event-log/record";
import type { OkxClient } from "@/lib/okx/client";
import { defaultOkxClient } from "@/lib/okx/default-client";
import { adviceForCode, isOkxError } from "@/lib/okx/errors";
import { AppError, NotFoundError } from "@/lib/errors/app-error";
import { getConsumer } from "@/lib/consumers/consumer-directory";
import { GONE_CODES } from "@/lib/rotation/old-key-gone";
import { oneAtATime } from "@/lib/rotation/rotation-lock";
import { deleteAndConfirmGone } from "@/lib/master-key";
import type { IncidentItem } from "./incident-data";
import { toIncidentDto, type IncidentDto } from "./incident-view";
import { planItems, type MasterInfo } from "./incident-plan";
import { commitIncident, IncidentError, insertIncident, loadIncident, updateItem, type LoadedIncident } from "./incident-store";

export interface IncidentOptions {
  actor?: Actor;
  client?: OkxClient;
}

/** OKX refusing the master key itself (no trade, not IP-bound, not a master's key): the user deletes it on okx.com. */
const MASTER_REFUSED = ["50120", "50035", "59500"];

async function planFor(consumerId: string) {
  const consumer = await getConsumer(consumerId);
  if (!consumer) throw new NotFoundError("This consumer");
  if (!consumer.keys.length) throw new IncidentError(`“${consumer.display}” holds no active key.`);
  const prisma = await db();
  const parentIds = [...new Set(consumer.keys.map((k) => k.parentKeyId).filter((id): id is string => !!id))];
  const rows = await prisma.apiKey.findMany({ where: { id: { in: parentIds } }, select: { id: true, label: true, status: true, secretEnc: true } });
  const masters = new Map<string, MasterInfo>(rows.map((r) => [r.id, { id: r.id, label: r.label, usable: r.status === "active" && r.secretEnc !== null }]));
  return { consumer, items: planItems(consumer.keys, masters) };
}

/** What opening an incident would do now, without storing anything (the CLI's plan, the page before "compromised"). */
export async function previewIncident(consumerId: string): Promise<IncidentDto> {
  const { consumer, items } = await planFor(consumerId);
  return toIncidentDto({
    id: "",
    consumerId: consumer.id,
    consumerName: consumer.display,
    consumerHost: consumer.host,
    state: "planned",
    data: { items },
    createdAt: new Date(),
    confirmedAt: null,
    endedAt: null,
  });
}

/** Opens an incident for a consumer: its keys, most dangerous first, each with what will happen to it. Changes nothing on OKX. */
export async function openIncident(consumerId: string, opts: IncidentOptions = {}): Promise<string> {
  const { consumer, items } = await planFor(consumerId);
  return insertIncident({ consumerId: consumer.id, consumerName: consumer.display, consumerHost: consumer.host, items, actor: opts.actor });
}

export async function cancelIncident(id: string, opts: IncidentOptions = {}): Promise<void> {
  const inc = await loadIncident(id);
  if (inc.state !== "planned") throw new IncidentError("Only an incident that was not confirmed yet can be cancelled: keys are already being revoked.");
  await commitIncident(inc, { to: "cancelled", actor: opts.actor, events: [{ action: "incident.cancel", detail: {} }] });
}

export interface AdvanceResult {
  state: LoadedIncident["state"];
  gone: number;
  left: number;
}

/**
 * Confirms a planned incident, then does everything possible now: deletes the sub-account keys through their master
 * keys and asks OKX about every key not yet verified gone. Safe to call again at any time (after a crash, a reload,
 * or once the user deleted keys on okx.com): each key resumes from its stored status.
 */
export function advanceIncident(id: string, opts: IncidentOptions = {}): Promise<AdvanceResult> {
  return oneAtATime(`incident:${id}`, () => advanceNow(id, opts));
}

async function advanceNow(id: string, opts: IncidentOptions): Promise<AdvanceResult> {
  let inc = await loadIncident(id);
  if (inc.state === "cancelled") throw new IncidentError("This incident was cancelled; open a new one from the consumer's page.");
  if (inc.state === "planned") {
    inc = await commitIncident(inc, { to: "revoking", actor: opts.actor, events: [{ action: "incident.confirm", detail: { keys: inc.data.items.length } }] });
  }
  const client = opts.client ?? defaultOkxClient();
  for (const item of inc.data.items) {
    if (inc.state !== "revoking") break;
    if (item.via === "api" && (item.status === "pending" || item.status === "deleting")) inc = await deleteThroughMaster(inc, item.keyId, client, opts);
  }
  for (const item of inc.data.items) {
    if (inc.state !== "revoking") break;
    const now = inc.data.items.find((i) => i.keyId === item.keyId)!;
    if (now.status === "gone" || now.status === "deleting") continue;
    inc = await verifyGone(inc, now.keyId, client, opts);
  }
  if (inc.state === "revoking" && inc.data.items.every((i) => i.status === "gone")) {
    inc = await commitIncident(inc, { to: "done", actor: opts.actor, events: [{ action: "incident.done", detail: { keys: inc.data.items.length } }] });
  }
  const gone = inc.data.items.filter((i) => i.status === "gone").length;
  return { state: inc.state, gone, left: inc.data.items.length - gone };
}

function note(message: string): Pick<IncidentItem, "last"> {
  return { last: { at: new Date().toISOString(), message } };
}

async function deleteThroughMaster(inc: LoadedIncident, keyId: string, client: OkxClient, opts: IncidentOptions): Promise<LoadedIncident> {
  const item = inc.data.items.find((i) => i.keyId === keyId)!;
  let master: KeyCredentials;
  let target: KeyCredentials;
  try {
    master = await loadKeyCredentials(item.masterKeyId!);
    target = await loadKeyCredentials(item.keyId);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const reason = `Keywarden cannot sign the delete: ${e.userMessage} Delete it on okx.com instead.`;
    return commitIncident(inc, {
      to: "revoking",
      actor: opts.actor,
      data: updateItem(keyId, (i) => ({ ...i, via: "okx.com", status: "pending", fallbackReason: reason, ...note(reason) })),
      events: [{ action: "incident.key-delete-failed", keyId, keyLabel: item.label, detail: { message: reason } }],
    });
  }
  if (item.status === "pending") {
    inc = await commitIncident(inc, {
      to: "revoking",
      actor: opts.actor,
      data: updateItem(keyId, (i) => ({ ...i, status: "deleting" })),
      events: [{ action: "incident.key-delete-intent", keyId, keyLabel: item.label, detail: { subAcct: item.subAcct, master: item.masterLabel } }],
    });
  }
  try {
    // The listing is asked first, so a run killed after OKX deleted the key (before the answer was stored) does not
    // delete twice, and asked again after: OKX acknowledging a delete is not proof, a missing key is.
    const { gone } = await deleteAndConfirmGone({ client, master, subAcct: item.subAcct! }, target.apiKey);
    if (!gone) {
      const message = "OKX still lists the key after deleting it. Keywarden tries again on the next check.";
      return commitIncident(inc, {
        to: "revoking",
        actor: opts.actor,
        data: updateItem(keyId, (i) => ({ ...i, ...note(message) })),
        events: [{ action: "incident.key-delete-failed", keyId, keyLabel: item.label, detail: { message } }],
      });
    }
  } catch (e) {
    if (!isOkxError(e)) throw e;
    if (MASTER_REFUSED.includes(e.code)) {
      const reason = `OKX refused the master key “${item.masterLabel}” (${e.code}): ${e.advice} Delete this key on okx.com instead.`;
      return commitIncident(inc, {
        to: "revoking",
        actor: opts.actor,
        data: updateItem(keyId, (i) => ({ ...i, via: "okx.com", status: "pending", fallbackReason: reason, ...note(reason) })),
        events: [{ action: "incident.key-delete-failed", keyId, keyLabel: item.label, detail: { code: e.code, message: reason } }],
      });
    }
    const message = `Deleting through the master key failed: OKX ${e.code ? `error ${e.code}` : e.kind}: ${e.advice} Keywarden tries again on the next check.`;
    return commitIncident(inc, {
      to: "revoking",
      actor: opts.actor,
      data: updateItem(keyId, (i) => ({ ...i, ...note(message) })),
      events: [{ action: "incident.key-delete-failed", keyId, keyLabel: item.label, detail: { code: e.code, message } }],
    });
  }
  return commitIncident(inc, {
    to: "revoking",
    actor: opts.actor,
    data: updateItem(keyId, (i) => ({ ...i, status: "deleted", deletedAt: new Date().toISOString(), last: undefined })),
    events: [{ action: "incident.key-deleted", keyId, keyLabel: item.label, detail: { subAcct: item.subAcct, master: item.masterLabel } }],
  });
}

async function verifyGone(inc: LoadedIncident, keyId: string, client: OkxClient, opts: IncidentOptions): Promise<LoadedIncident> {
  const item = inc.data.items.find((i) => i.keyId === keyId)!;
  let check;
  try {
    check = await checkKey(keyId, { actor: opts.actor, client });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const message = `Keywarden cannot ask OKX about this key any more: ${e.userMessage}`;
    return commitIncident(inc, {
      to: "revoking",
      actor: opts.actor,
      data: updateItem(keyId, (i) => ({ ...i, ...note(message) })),
      events: [{ action: "incident.key-still-live", keyId, keyLabel: item.label, detail: { message } }],
    });
  }
  const proof = check.outcome === "auth_error" && GONE_CODES.includes(check.code) ? await goneOnOkx(check) : null;
  if (proof) {
    const at = new Date().toISOString();
    const how =
      item.status === "deleted"
        ? "deleted through the master key; gone from the sub-account listing; its host answered 50119"
        : proof.kind === "nowhere"
          ? "no OKX host knows it (50119 everywhere)"
          : "its host, which answered for it before, answered 50119";
    inc = await commitIncident(inc, {
      to: "revoking",
      actor: opts.actor,
      data: updateItem(keyId, (i) => ({ ...i, status: "gone", verifiedAt: at, evidence: { code: check.code, how }, last: undefined })),
      events: [{ action: "incident.key-gone", keyId, keyLabel: item.label, detail: { code: check.code, evidence: how, checkId: check.id } }],
      extra: async (tx) => {
        await tx.apiKey.updateMany({ where: { id: keyId }, data: { status: "retired", secretEnc: null, passphraseEnc: null } });
        await recordEvent(
          { action: "key.retire", actor: opts.actor, keyId, keyLabel: item.label, detail: { incidentId: inc.id, credentialsDestroyed: true } },
          tx,
        );
        // A rotation of this key cannot go on once OKX no longer knows it: it ends here instead of waiting forever.
        const open = await tx.rotation.findMany({
          where: { endedAt: null, OR: [{ oldKeyId: keyId }, { newKeyId: keyId }] },
          select: { id: true, oldKeyId: true },
        });
        for (const r of open) {
          await tx.rotation.update({ where: { id: r.id }, data: { state: "abandoned", endedAt: new Date() } });
          await recordEvent(
            {
              action: "rotation.abandon",
              actor: opts.actor,
              keyId: r.oldKeyId,
              detail: { rotationId: r.id, incidentId: inc.id, reason: "a key of this rotation was revoked in an incident" },
            },
            tx,
          );
        }
      },
    });
    await eraseOldPages();
    return inc;
  }
  const message =
    check.outcome === "ok"
      ? item.via === "api"
        ? "OKX still answers for this key. Keywarden tries again on the next check."
        : "The key still works: OKX answered it normally. Delete it on okx.com, then check again."
      : check.outcome === "ip_blocked"
        ? "The key still exists on OKX (50110: this machine is not in its IP allowlist). Delete it on okx.com, then check again."
        : check.code === "50119"
          ? "This host says it does not know the key (50119), but it never answered for it before, so that does not prove it deleted. Its secrets are kept."
          : `Keywarden could not confirm the key is gone: ${check.code ? `OKX ${check.code}: ` : ""}${adviceForCode(check.code, check.skewMs) ?? check.message}. Check again.`;
  return commitIncident(inc, {
    to: "revoking",
    actor: opts.actor,
    data: updateItem(keyId, (i) => ({ ...i, ...note(message) })),
    events: [{ action: "incident.key-still-live", keyId, keyLabel: item.label, detail: { outcome: check.outcome, code: check.code } }],
  });
}
