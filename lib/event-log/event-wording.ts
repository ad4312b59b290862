// What each audit-log event means in words, for the audit log page. Pure (no I/O), so a unit test can check that
// every event name the code writes has its wording here. Details are facts the writer stored (never secrets:
// record.ts refuses secret-looking fields); they are turned into a sentence, never shown as raw JSON.
import { isPerm, permWord } from "@/lib/domain";

type Detail = Record<string, unknown>;

interface Wording {
  /** Short, past tense: what happened. */
  title: string;
  /** The group the action filter offers it under. */
  group: EventGroup;
  /** The details as one or two sentences; without it the generic field list is used. */
  text?: (d: Detail) => string;
}

export const EVENT_GROUPS = ["vault", "keys", "checks", "rotation", "incident", "backup", "settings"] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];
export const EVENT_GROUP_NAMES: Record<EventGroup, string> = {
  vault: "Vault: unlock, lock, passphrase",
  keys: "Keys: added, edited, deleted",
  checks: "Checks with OKX",
  rotation: "Rotations",
  incident: "Incidents: compromised apps",
  backup: "Backups and restores",
  settings: "Settings and policy",
};

const str = (v: unknown): string => (v === null || v === undefined ? "" : Array.isArray(v) ? v.map(str).join(", ") : typeof v === "object" ? "" : String(v));
const has = (v: unknown) => str(v) !== "";
const plural = (n: unknown, word: string) => `${str(n)} ${word}${Number(n) === 1 ? "" : "s"}`;
const sentence = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(" ");

const PURPOSE: Record<string, string> = { read: "read-only tracking", trade: "trading bot", withdraw: "withdrawals" };
const REGION: Record<string, string> = { global: "global (www.okx.com)", eea: "EEA", us: "US" };
const perms = (v: unknown) => (Array.isArray(v) && v.length ? v.map((p) => (isPerm(p) ? permWord(p) : String(p))).join(" + ") : "");
const LOCK_REASON: Record<string, string> = {
  idle: "automatically after the idle time",
  manual: "with the Lock button",
  restore: "for a restore (the backup's passphrase applies)",
  "demo-setup": "after the demo was set up",
};
const OUTCOME: Record<string, string> = {
  ok: "OKX answered",
  auth_error: "OKX refused the credentials",
  ip_blocked: "bound to other IPs (expected from this machine)",
  rate_limited: "rate-limited by OKX",
  network_error: "OKX could not be reached",
  error: "OKX answered with an error",
};
const FIELD: Record<string, string> = {
  label: "label",
  purpose: "purpose",
  region: "region",
  demo: "demo flag",
  createdOn: "created-on date",
  usedBy: "consumers",
  consumers: "consumers",
  notes: "notes",
  host: "OKX host",
  subAcct: "sub-account",
  parentKeyId: "managing master key",
};
const fields = (v: unknown) => (Array.isArray(v) ? v.map((f) => FIELD[String(f)] ?? String(f)).join(", ") : "");
const checkResult = (d: Detail) =>
  sentence(
    OUTCOME[str(d.outcome)] ?? str(d.outcome),
    has(d.code) && d.code !== "0" ? `(code ${str(d.code)})` : "",
    has(d.perm) ? `· permissions ${perms(d.perm)}` : "",
  );

const WORDING = {
  "scan.run": {
    title: "Folders scanned for OKX keys",
    group: "keys",
    text: (d) =>
      sentence(
        `${plural(d.filesSeen, "file")} looked at, ${plural(d.found, "credential")} found`,
        has(d.unknown) && Number(d.unknown) > 0 ? `(${str(d.unknown)} not in Keywarden)` : "",
        has(d.skipped) && Number(d.skipped) > 0 ? `· ${str(d.skipped)} skipped` : "",
      ) + ".",
  },
  "key.consumers-found": {
    title: "Consumers found by the scan",
    group: "keys",
    text: (d) => (Array.isArray(d.files) ? `Used in ${d.files.map(str).join(", ")}.` : ""),
  },
  "key.file-written": {
    title: "New key written into a file",
    group: "rotation",
    text: (d) =>
      sentence(
        has(d.path) ? `Wrote the new key into ${str(d.path)}` : "Wrote the new key into a file",
        has(d.backup) ? `(the original is kept as ${str(d.backup)}).` : ".",
      ),
  },
  "vault.create": { title: "Vault created", group: "vault", text: () => "A new vault with a master passphrase." },
  "vault.unlock": { title: "Vault unlocked", group: "vault", text: () => "" },
  "vault.unlock-failed": {
    title: "Wrong master passphrase",
    group: "vault",
    text: (d) => (has(d.attempts) ? `${plural(d.attempts, "failed attempt")} in a row.` : ""),
  },
  "vault.lock": { title: "Vault locked", group: "vault", text: (d) => (has(d.reason) ? `Locked ${LOCK_REASON[str(d.reason)] ?? `(${str(d.reason)})`}.` : "") },
  "vault.passphrase-changed": {
    title: "Master passphrase changed",
    group: "vault",
    text: () => "The data key was re-wrapped; the stored secrets did not change.",
  },

  "key.add": {
    title: "Key added",
    group: "keys",
    text: (d) =>
      sentence(
        has(d.fingerprint) && `Fingerprint ${str(d.fingerprint)},`,
        PURPOSE[str(d.purpose)] ?? str(d.purpose),
        has(d.region) && `· ${REGION[str(d.region)] ?? str(d.region)}`,
        d.demo === true && "· demo trading",
      ),
  },
  "key.edit": {
    title: "Key edited",
    group: "keys",
    text: (d) =>
      sentence(has(d.changed) ? `Changed: ${fields(d.changed)}.` : "Nothing changed.", has(d.previousLabel) && `Previous label: “${str(d.previousLabel)}”.`),
  },
  "key.last_used": {
    title: "Last use entered",
    group: "keys",
    text: (d) =>
      has(d.to) ? `Last used on ${str(d.to)}: OKX's 14-day countdown runs from it.` : "Last use cleared: the countdown runs from the created-on date.",
  },
  "key.replace-secrets": {
    title: "Key credentials replaced",
    group: "keys",
    text: (d) => (has(d.from) ? `Fingerprint ${str(d.from)} → ${str(d.to)}.` : "New credentials stored (encrypted)."),
  },
  "key.delete": {
    title: "Key deleted from Keywarden",
    group: "keys",
    text: (d) => sentence(has(d.fingerprint) && `Fingerprint ${str(d.fingerprint)}.`, has(d.reason) && `Reason: ${str(d.reason)}.`),
  },
  "key.adopt": {
    title: "Unmanaged key adopted",
    group: "keys",
    text: (d) =>
      sentence(
        `Fingerprint ${str(d.fingerprint)}, sub-account ${str(d.subAcct)}, listed by master key “${str(d.masterLabel)}”.`,
        "OKX answered a signed call with the secret and passphrase given (code 0) before it was stored.",
      ),
  },
  "key.delete_on_okx": {
    title: "Unmanaged key deleted on OKX",
    group: "keys",
    text: (d) =>
      sentence(
        `Fingerprint ${str(d.fingerprint)}, sub-account ${str(d.subAcct)}, deleted through master key “${str(d.masterLabel)}”;`,
        "verified gone from the sub-account's key listing.",
      ),
  },
  "key.retire": {
    title: "Old key retired",
    group: "rotation",
    text: (d) =>
      sentence(
        has(d.incidentId) ? "Revoked in an incident;" : "Replaced by a rotation;",
        d.credentialsDestroyed === true ? "its stored secrets were destroyed." : "its secrets are kept.",
      ),
  },
  "key.sub_account_link": {
    title: "Linked to its sub-account",
    group: "checks",
    text: (d) =>
      sentence(
        has(d.subAcct) &&
          `Sub-account “${str(d.subAcct)}”${has(d.previousSubAcct) && d.previousSubAcct !== d.subAcct ? ` (was “${str(d.previousSubAcct)}”)` : ""}.`,
        has(d.changed) && `Updated: ${fields(d.changed)}.`,
      ),
  },

  "key.check": { title: "Checked with OKX", group: "checks", text: (d) => sentence(checkResult(d), has(d.uid) && `· UID ${str(d.uid)}`) },
  "key.check_all": {
    title: "Checked many keys",
    group: "checks",
    text: (d) => {
      const bound = Number(d.ipBound ?? 0);
      return sentence(
        `${plural(d.total, "key")}: ${str(d.ok)} answered,`,
        bound ? `${bound} bound to other IPs (expected), ${Number(d.failed) - bound} failed` : `${str(d.failed)} failed`,
        has(d.durationMs) && `(${(Number(d.durationMs) / 1000).toFixed(1)} s).`,
      );
    },
  },
  "key.detect_entity": {
    title: "Looked for the key on the other OKX entities",
    group: "checks",
    text: (d) => {
      const to = (d.to ?? null) as Detail | null;
      const where = to
        ? `${REGION[str(to.region)] ?? str(to.region)}${to.demo === true ? ", demo trading" : ", live"}${has(to.host) ? ` (${str(to.host)})` : ""}`
        : "";
      const asked = Array.isArray(d.probes) ? `${plural(d.probes.length, "host")} asked` : "";
      if (d.result === "found" && to) {
        const outcome =
          d.applied === true ? "region updated" : d.suggested === true ? "suggested on the key page (its own host is kept)" : "already stored there";
        return sentence(`Found on ${where}: ${outcome}.`, asked && `${asked}.`);
      }
      if (d.result === "not_found") return sentence("No OKX entity knows this key, live or demo: it does not exist.", asked && `${asked}.`);
      return sentence("Not settled: an entity could not be reached, so nothing was changed.", asked && `${asked}.`);
    },
  },
  "key.apply_entity": {
    title: "Region changed as suggested",
    group: "keys",
    text: (d) => sentence("The key now points at the entity where OKX knows it", has(d.checkId) ? `(found by check #${str(d.checkId)}).` : "."),
  },
  "key.discover_sub_accounts": {
    title: "Listed the sub-accounts' keys",
    group: "checks",
    text: (d) =>
      d.ok === false
        ? `OKX refused the listing${has(d.code) ? ` (code ${str(d.code)})` : ""}; the previous list is kept.`
        : `${plural(d.subAccounts, "sub-account")}, ${plural(d.keys, "key")}; ${str(d.linked)} of them stored in Keywarden.`,
  },

  "rotation.start": {
    title: "Rotation started",
    group: "rotation",
    text: (d) =>
      sentence(
        d.mode === "automated" ? "Automated (through the master key)." : "Guided.",
        has(d.targetPerms) && `New key's permissions: ${perms(d.targetPerms)}.`,
        has(d.fallbackReason) && str(d.fallbackReason),
      ),
  },
  "rotation.new-key-intent": {
    title: "Rotation: about to store the new key",
    group: "rotation",
    text: (d) => (has(d.label) ? `New key's label: “${str(d.label)}”.` : ""),
  },
  "rotation.new-key": {
    title: "Rotation: new key stored",
    group: "rotation",
    text: (d) =>
      sentence(has(d.fingerprint) && `Fingerprint ${str(d.fingerprint)}.`, has(d.perm) && `Permissions ${perms(d.perm)}.`, has(d.ip) && `IPs ${str(d.ip)}.`),
  },
  "rotation.new-key-recovered": {
    title: "Rotation: new key found again after a restart",
    group: "rotation",
    text: (d) => (has(d.fingerprint) ? `Fingerprint ${str(d.fingerprint)}.` : ""),
  },
  "rotation.new-key-replaced": {
    title: "Rotation: new key's credentials replaced",
    group: "rotation",
    text: (d) => (has(d.fingerprint) ? `Now fingerprint ${str(d.fingerprint)}.` : ""),
  },
  "rotation.create-intent": {
    title: "Rotation: creating the new key on OKX",
    group: "rotation",
    text: (d) => sentence(has(d.perm) && `Permissions ${perms(d.perm)}.`, has(d.ip) && `IPs ${str(d.ip)}.`),
  },
  "rotation.create-failed": { title: "Rotation: creating the new key failed", group: "rotation", text: (d) => str(d.message) },
  "rotation.orphan-deleted": {
    title: "Rotation: removed a half-created key on OKX",
    group: "rotation",
    text: (d) => (has(d.orphans) ? `${plural(d.orphans, "key")} under this rotation's OKX label.` : ""),
  },
  "rotation.fallback": {
    title: "Rotation: switched to guided",
    group: "rotation",
    text: (d) => (has(d.code) ? `OKX refused the automated way (code ${str(d.code)}).` : ""),
  },
  "rotation.secret-revealed": { title: "Rotation: new key's secret shown once", group: "rotation", text: () => "The secret itself is never logged." },
  "rotation.secret-copied": {
    title: "Rotation: new key's secrets confirmed copied",
    group: "rotation",
    text: () => "The user confirmed they copied the new key's secrets.",
  },
  "rotation.unrevealed-key-deleted": {
    title: "Rotation: new key deleted (its secrets were not copied)",
    group: "rotation",
    text: (d) => sentence(has(d.fingerprint) && `Fingerprint ${str(d.fingerprint)}.`, "A fresh new key is created next; the old key keeps working."),
  },
  "rotation.verify": {
    title: "Rotation: new key verified with OKX",
    group: "rotation",
    text: (d) => sentence(has(d.perm) && `Permissions ${perms(d.perm)}.`, has(d.ip) && `IPs ${str(d.ip)}.`, has(d.uid) && `UID ${str(d.uid)}.`),
  },
  "rotation.verify-refused": {
    title: "Rotation: new key not accepted",
    group: "rotation",
    text: (d) => sentence(checkResult(d), has(d.refusals) && `· refused for: ${str(d.refusals)}`),
  },
  "rotation.override": { title: "Rotation: a refusal was waived", group: "rotation", text: (d) => sentence(has(d.waived) && `Waived: ${str(d.waived)}.`) },
  "rotation.consumer-written": {
    title: "Rotation: new key written into a file",
    group: "rotation",
    text: (d) =>
      sentence(
        has(d.consumer) ? `“${str(d.consumer)}” now has the new key` : "The consumer now has the new key",
        has(d.path) ? `in ${str(d.path)} (read back to prove it).` : ".",
      ),
  },
  "rotation.consumer-switched": {
    title: "Rotation: consumer switched",
    group: "rotation",
    text: (d) => (has(d.consumer) ? `“${str(d.consumer)}” now uses the new key.` : ""),
  },
  "rotation.consumer-unticked": {
    title: "Rotation: consumer un-ticked",
    group: "rotation",
    text: (d) => (has(d.consumer) ? `“${str(d.consumer)}” marked as still on the old key.` : ""),
  },
  "rotation.consumers-done": {
    title: "Rotation: every consumer switched",
    group: "rotation",
    text: (d) => (has(d.consumers) ? `${plural(d.consumers, "consumer")}.` : ""),
  },
  "rotation.revoke-confirmed": {
    title: "Rotation: old key confirmed gone on OKX",
    group: "rotation",
    text: (d) => (has(d.code) ? `OKX answered ${str(d.code)} for it.` : ""),
  },
  "rotation.revoke-not-yet": {
    title: "Rotation: old key still works",
    group: "rotation",
    text: (d) => sentence(checkResult(d), "· delete it on okx.com, then check again."),
  },
  "rotation.delete-intent": { title: "Rotation: deleting the old key on OKX", group: "rotation", text: () => "" },
  "rotation.delete-failed": { title: "Rotation: deleting the old key failed", group: "rotation", text: (d) => str(d.message) },
  "rotation.done": {
    title: "Rotation finished",
    group: "rotation",
    text: (d) => (has(d.code) ? `The old key is gone (OKX answered ${str(d.code)}).` : "The old key is gone."),
  },
  "rotation.abandon": {
    title: "Rotation abandoned",
    group: "rotation",
    text: (d) =>
      has(d.incidentId)
        ? "Ended by an incident: a key of this rotation was revoked."
        : sentence(
            "The old key stays stored and working.",
            d.newKey === "deleted" ? "The new key was deleted." : d.newKey === "kept" ? "The new key was kept." : "",
          ),
  },

  "incident.open": {
    title: "Incident opened: app compromised",
    group: "incident",
    text: (d) =>
      sentence(has(d.consumer) && `“${str(d.consumer)}”`, has(d.keys) && `holds ${plural(d.keys, "key")}`, has(d.labels) && `(${str(d.labels)})`) + ".",
  },
  "incident.confirm": {
    title: "Incident confirmed: revoking keys",
    group: "incident",
    text: (d) => sentence(has(d.consumer) && `“${str(d.consumer)}”:`, has(d.keys) && `${plural(d.keys, "key")} to revoke.`),
  },
  "incident.cancel": {
    title: "Incident cancelled",
    group: "incident",
    text: (d) => sentence(has(d.consumer) && `“${str(d.consumer)}”:`, "nothing was revoked."),
  },
  "incident.key-delete-intent": {
    title: "Incident: deleting a key through its master key",
    group: "incident",
    text: (d) => sentence(has(d.subAcct) && `Sub-account ${str(d.subAcct)},`, has(d.master) && `master key “${str(d.master)}”.`),
  },
  "incident.key-deleted": {
    title: "Incident: key deleted on OKX",
    group: "incident",
    text: (d) => sentence("Deleted through the master key", has(d.master) && `“${str(d.master)}”`, "and gone from the sub-account listing."),
  },
  "incident.key-delete-failed": { title: "Incident: deleting a key failed", group: "incident", text: (d) => str(d.message) },
  "incident.key-gone": {
    title: "Incident: key verified gone",
    group: "incident",
    text: (d) => sentence(has(d.evidence) && `${str(d.evidence)}`, has(d.code) && `(OKX ${str(d.code)}).`, "Its secrets were destroyed."),
  },
  "incident.key-still-live": {
    title: "Incident: key not gone yet",
    group: "incident",
    text: (d) => (has(d.message) ? str(d.message) : sentence(checkResult(d), "· delete it on okx.com, then check again.")),
  },
  "incident.done": {
    title: "Incident finished",
    group: "incident",
    text: (d) => sentence(has(d.consumer) && `“${str(d.consumer)}”:`, has(d.keys) && `${plural(d.keys, "key")} verified gone.`),
  },

  "backup.create": {
    title: "Backup made",
    group: "backup",
    text: (d) =>
      sentence(
        has(d.file) && `${str(d.file)},`,
        has(d.keys) && plural(d.keys, "key"),
        has(d.bytes) && `(${Math.max(1, Math.round(Number(d.bytes) / 1024))} KiB).`,
      ),
  },
  "backup.restore-refused": {
    title: "Restore refused",
    group: "backup",
    text: (d) =>
      sentence(
        "The backup's vault did not open with the passphrase given; nothing was changed.",
        has(d.attempts) && `${plural(d.attempts, "failed attempt")} in a row.`,
      ),
  },
  "backup.restore": {
    title: "Backup restored",
    group: "backup",
    text: (d) =>
      sentence(
        has(d.file) && `From ${str(d.file)},`,
        has(d.keys) && `${plural(d.keys, "key")}.`,
        has(d.previous) && `The replaced database was kept as ${str(d.previous)}.`,
      ),
  },

  "settings.idle-timeout": {
    title: "Auto-lock time changed",
    group: "settings",
    text: (d) => (has(d.minutes) ? `Locks after ${plural(d.minutes, "idle minute")}.` : ""),
  },
  "settings.policy": { title: "Audit policy changed", group: "settings" },
  "settings.policy-reset": { title: "Audit policy reset to the defaults", group: "settings", text: () => "" },
} satisfies Record<string, Wording>;

/**
 * Every event name the code may write: recordEvent takes only these, so tsc refuses a misspelt name, and an event
 * cannot be written before it has its wording above. The stored strings are the names as they always were (rows
 * written before keep reading the same), dots and all.
 */
export type AuditAction = keyof typeof WORDING;

/** Every event name with its own wording (the unit test compares this with the names the code writes). */
export const KNOWN_EVENTS: readonly string[] = Object.keys(WORDING);

// Stored rows may hold any string (an older or newer Keywarden wrote them): looked up as plain strings.
const WORDING_OF: Readonly<Record<string, Wording | undefined>> = WORDING;

// Identifiers are links elsewhere on the row (the key) or mean nothing to a reader; from/to are the state machine's.
const HIDDEN_FIELDS = new Set([
  "incidentId",
  "rotationId",
  "newKeyId",
  "deletedKeyId",
  "parentKeyId",
  "checkId",
  "replacedBy",
  "from",
  "to",
  "mode",
  "overrideRequested",
  "source",
]);
const words = (k: string) =>
  k
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]/g, " ")
    .toLowerCase();

/** A detail object as "field: value · field: value", for events without their own sentence. */
export function detailAsText(d: Detail): string {
  return Object.entries(d)
    .filter(([k, v]) => !HIDDEN_FIELDS.has(k) && has(v))
    .map(([k, v]) => `${words(k)}: ${typeof v === "boolean" ? (v ? "yes" : "no") : str(v)}`)
    .join(" · ");
}

export interface EventWords {
  title: string;
  text: string;
  group: EventGroup | null;
}

export function describeEvent(action: string, detail: Detail): EventWords {
  const w = WORDING_OF[action];
  if (!w) return { title: action, text: detailAsText(detail), group: null };
  return { title: w.title, text: (w.text ? w.text(detail) : detailAsText(detail)).trim(), group: w.group };
}

export function eventTitle(action: string): string {
  return WORDING_OF[action]?.title ?? action;
}

/** The event names of one filter group. */
export function eventsInGroup(group: EventGroup): string[] {
  return KNOWN_EVENTS.filter((a) => WORDING_OF[a]?.group === group);
}
