// A VaultReport built the way lib/reports builds one (auditVault over plain keys and checks), without a database.
import { auditVault, DEFAULT_POLICY, type AuditKey } from "@/lib/audit";
import type { CheckDto } from "@/lib/checks/check-dto";
import type { KeyDto } from "@/lib/keys/key-dto";
import type { VaultReport } from "@/lib/reports/vault-report";

export const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 86_400_000;

interface Spec {
  id: string;
  label: string;
  purpose: KeyDto["purpose"];
  createdDaysAgo: number;
  demo?: boolean;
  checks: Partial<CheckDto>[];
}

function check(keyId: string, i: number, c: Partial<CheckDto>): CheckDto {
  return {
    id: i,
    keyId,
    at: new Date(NOW.getTime() - (i + 1) * 3_600_000),
    outcome: "ok",
    code: "0",
    message: "",
    perm: ["read_only"],
    permRaw: "read_only",
    ip: [],
    uid: "111",
    mainUid: "111",
    label: "okx label",
    acctLv: "1",
    latencyMs: 10,
    skewMs: 0,
    acctType: "0",
    discovery: null,
    region: null,
    demo: null,
    host: null,
    notFoundAnywhere: false,
    ...c,
  };
}

export function makeReport(specs: Spec[]): VaultReport {
  const entries = specs.map((s, n) => {
    const createdOn = new Date(NOW.getTime() - s.createdDaysAgo * DAY);
    createdOn.setUTCHours(0, 0, 0, 0);
    const key: AuditKey = {
      id: s.id,
      label: s.label,
      fingerprint: `${s.id.slice(0, 4)}…${s.id.slice(-4)}`,
      purpose: s.purpose,
      demo: s.demo ?? false,
      region: "global",
      createdOn,
      createdOnSource: "user",
      addedAt: createdOn,
      consumers: [{ name: "bot", host: "10.0.0.1" }],
      apiKeyDigest: `digest-${n}-SHOULD-NOT-LEAK`,
      status: "active",
      subAcct: null,
      parentKeyId: null,
      managesSubAccounts: false,
      listing: null,
    };
    const checks = s.checks.map((c, i) => check(s.id, n * 100 + i, c));
    return { key, checks };
  });
  const vault = auditVault(entries, DEFAULT_POLICY, NOW);
  return {
    generatedAt: NOW,
    policy: DEFAULT_POLICY,
    vault,
    unmanaged: [],
    unmanagedCounts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    keys: entries.map(({ key, checks }) => {
      const dto: KeyDto = {
        id: key.id,
        label: key.label,
        fingerprint: key.fingerprint,
        region: key.region,
        host: null,
        demo: key.demo,
        purpose: key.purpose,
        consumers: key.consumers,
        notes: "",
        createdOn: key.createdOn.toISOString().slice(0, 10),
        createdOnSource: "user",
        lastUsedOn: null,
        status: "active",
        subAcct: null,
        parentKeyId: null,
        hasSecrets: true,
        addedAt: key.addedAt.toISOString(),
        updatedAt: key.addedAt.toISOString(),
        lastCheckedAt: checks[0]?.at.toISOString() ?? null,
        lastOkAt: null,
      };
      return { key: dto, rotation: null, audit: vault.keys.find((a) => a.keyId === key.id)!, checks };
    }),
  };
}

/** Three keys: a withdraw-enabled tracker (critical), a clean bound reader, one never checked. */
export function sampleReport(): VaultReport {
  return makeReport([
    {
      id: "aaaa0000-1111-2222-3333-444444444444",
      label: '=HYPERLINK("http://evil","tax")',
      purpose: "read",
      createdDaysAgo: 200,
      checks: [{ perm: ["read_only", "withdraw"], permRaw: "read_only,withdraw", ip: [], uid: "777" }],
    },
    {
      id: "bbbb0000-1111-2222-3333-555555555555",
      label: 'tracker, "home"',
      purpose: "read",
      createdDaysAgo: 5,
      checks: [{ perm: ["read_only"], ip: ["203.0.113.10"], uid: "888" }],
    },
    { id: "cccc0000-1111-2222-3333-666666666666", label: "new key", purpose: "trade", createdDaysAgo: 1, checks: [] },
  ]);
}
