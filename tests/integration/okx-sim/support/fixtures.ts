// A small, explicit world for the simulator tests (the demo fleet is tested separately in seed-loader).
import type { SimSeed } from "@/tests/okx-sim";

export const CALLER_IP = "203.0.113.10";
export const MASTER_UID = "100000000000001";
export const SUB_UID = "100000000000002";
export const OTHER_UID = "200000000000001";
export const FROZEN_UID = "300000000000001";

const key = (n: number) => ({
  apiKey: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  secretKey: n.toString(16).padStart(2, "0").repeat(16).toUpperCase(),
  passphrase: `Passphrase-${n}!`,
});

export const K = {
  /** master, read_only, bound to CALLER_IP */
  reader: { ...key(1), label: "reader", perm: "read_only", ip: CALLER_IP, uid: MASTER_UID },
  /** master, read+trade, bound: can manage sub-accounts */
  admin: { ...key(2), label: "admin", perm: "read_only,trade", ip: `${CALLER_IP},198.51.100.1`, uid: MASTER_UID },
  /** master, trade, NOT bound: cannot manage sub-accounts; 14-day rule applies */
  unbound: { ...key(3), label: "unbound", perm: "read_only,trade", ip: "", uid: MASTER_UID },
  /** master, withdraw, not bound */
  withdraw: { ...key(4), label: "withdraw", perm: "read_only,withdraw", ip: "", uid: MASTER_UID },
  /** demo key */
  demo: { ...key(5), label: "demo", perm: "read_only,trade", ip: "", uid: MASTER_UID, demo: true },
  /** EEA entity key */
  eea: { ...key(6), label: "eea", perm: "read_only", ip: "", uid: OTHER_UID, region: "eea" as const },
  /** bound to a server IP the caller is not */
  elsewhere: { ...key(7), label: "elsewhere", perm: "read_only,trade", ip: "198.51.100.99", uid: MASTER_UID },
  /** key of a frozen account */
  frozen: { ...key(8), label: "frozen", perm: "read_only", ip: "", uid: FROZEN_UID },
  /** sub-account key, trade + bound */
  sub: { ...key(9), label: "sub-trader", perm: "read_only,trade", ip: CALLER_IP, uid: SUB_UID, subAcct: "bot-sub-1" },
  /** second key of the master UID for shared rate-limit tests */
  reader2: { ...key(10), label: "reader2", perm: "read_only", ip: "", uid: MASTER_UID },
  /** key of another global UID */
  other: { ...key(11), label: "other", perm: "read_only", ip: "", uid: "400000000000001" },
  /** master read-only bound key, for 50120 on create */
  boundReader: { ...key(12), label: "bound-reader", perm: "read_only", ip: CALLER_IP, uid: MASTER_UID },
};

export function testSeed(): SimSeed {
  return {
    accounts: [
      {
        uid: MASTER_UID,
        label: "master",
        acctLv: "2",
        kycLv: "2",
        subAccounts: [
          { subAcct: "bot-sub-1", uid: SUB_UID, label: "bots", createdDaysAgo: 10 },
          { subAcct: "empty-sub", uid: "100000000000003", enable: false },
        ],
      },
      { uid: OTHER_UID, label: "eea" },
      { uid: FROZEN_UID, frozen: true },
      { uid: "400000000000001" },
    ],
    keys: Object.values(K).map((k) => ({ ...k, createdDaysAgo: 1 })),
  };
}
