// The one shared world behind all three region ports: accounts, keys and the 14-day deletion rule.
import type { SimAccount, SimAccountInput, SimKey, SimKeyInput } from "./types";
import { parseIps, parsePerm } from "./normalize";

export const DAY_MS = 86_400_000;
/** OKX deletes live trade/withdraw keys without a bound IP after 14 days without use. */
export const UNUSED_KEY_TTL_MS = 14 * DAY_MS;

const resolveTime = (at: number | undefined, daysAgo: number | undefined, now: number): number | undefined =>
  at ?? (daysAgo === undefined ? undefined : now - daysAgo * DAY_MS);

export class SimState {
  readonly accounts = new Map<string, SimAccount>();
  readonly keys = new Map<string, SimKey>();
  /** `${mainUid}|${subAcct}` → sub-account uid */
  private subByName = new Map<string, string>();

  constructor(private now: () => number) {}

  addAccount(a: SimAccountInput): void {
    const now = this.now();
    const mainUid = a.mainUid ?? a.uid;
    this.accounts.set(a.uid, {
      uid: a.uid,
      mainUid,
      label: a.label ?? "",
      frozen: a.frozen ?? false,
      acctLv: a.acctLv ?? "2",
      kycLv: a.kycLv ?? "2",
      level: a.level ?? "Lv1",
      enable: true,
      createdAt: now,
    });
    for (const s of a.subAccounts ?? []) {
      if (this.accounts.has(s.uid)) throw new Error(`duplicate uid ${s.uid}`);
      this.accounts.set(s.uid, {
        uid: s.uid,
        mainUid: a.uid,
        label: s.label ?? "",
        frozen: s.frozen ?? false,
        acctLv: "2",
        kycLv: a.kycLv ?? "2",
        level: a.level ?? "Lv1",
        subAcct: s.subAcct,
        enable: s.enable ?? true,
        createdAt: resolveTime(s.createdAt, s.createdDaysAgo, now) ?? now,
      });
      this.subByName.set(`${a.uid}|${s.subAcct}`, s.uid);
    }
  }

  subAccountsOf(mainUid: string): SimAccount[] {
    const out: SimAccount[] = [];
    for (const a of this.accounts.values()) if (a.subAcct !== undefined && a.mainUid === mainUid) out.push(a);
    return out;
  }

  findSubAccount(mainUid: string, subAcct: string): SimAccount | undefined {
    const uid = this.subByName.get(`${mainUid}|${subAcct}`);
    return uid === undefined ? undefined : this.accounts.get(uid);
  }

  addKey(k: SimKeyInput): SimKey {
    const now = this.now();
    const account = this.accounts.get(k.uid);
    if (!account) throw new Error(`key ${k.apiKey}: unknown uid ${k.uid} (add the account first)`);
    if (k.subAcct !== undefined && account.subAcct !== k.subAcct) {
      throw new Error(`key ${k.apiKey}: uid ${k.uid} is not sub-account "${k.subAcct}"`);
    }
    if (this.keys.has(k.apiKey)) throw new Error(`duplicate apiKey ${k.apiKey}`);
    const createdAt = resolveTime(k.createdAt, k.createdDaysAgo, now) ?? now;
    const key: SimKey = {
      apiKey: k.apiKey,
      secretKey: k.secretKey,
      passphrase: k.passphrase,
      label: k.label,
      perm: parsePerm(k.perm),
      ip: parseIps(k.ip),
      demo: k.demo ?? false,
      region: k.region ?? "global",
      uid: k.uid,
      subAcct: account.subAcct,
      createdAt,
      lastUsedAt: resolveTime(k.lastUsedAt, k.lastUsedDaysAgo, now),
      ...(k.frozen ? { frozen: true } : {}),
      vault: k.vault,
    };
    if (k.deleted) {
      key.deletedAt = now;
      key.deletedReason = "seed";
    }
    this.keys.set(key.apiKey, key);
    return key;
  }

  /** A live key (not deleted, 14-day rule applied at `now`), or undefined. */
  liveKey(apiKey: string): SimKey | undefined {
    const key = this.keys.get(apiKey);
    if (!key || key.deletedAt !== undefined) return undefined;
    this.applyUnusedRule(key);
    return key.deletedAt === undefined ? key : undefined;
  }

  /** Any key ever known, deleted ones included (deletedAt/deletedReason say why). */
  anyKey(apiKey: string): SimKey | undefined {
    const key = this.keys.get(apiKey);
    if (key && key.deletedAt === undefined) this.applyUnusedRule(key);
    return key;
  }

  deleteKey(apiKey: string, reason: NonNullable<SimKey["deletedReason"]>): void {
    const key = this.keys.get(apiKey);
    if (key && key.deletedAt === undefined) {
      key.deletedAt = this.now();
      key.deletedReason = reason;
    }
  }

  private applyUnusedRule(key: SimKey): void {
    if (key.demo || key.ip.length > 0 || !key.perm.some((p) => p === "trade" || p === "withdraw")) return;
    const lastUse = key.lastUsedAt ?? key.createdAt;
    const now = this.now();
    if (now - lastUse > UNUSED_KEY_TTL_MS) {
      // OKX deletes at the 14-day mark, not when someone next looks.
      key.deletedAt = lastUse + UNUSED_KEY_TTL_MS;
      key.deletedReason = "expired-14d";
    }
  }
}
