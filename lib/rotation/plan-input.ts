import "server-only";
// What the plan is built from: the old key's metadata, what its last check said, and the policy.
import type { KeyDto } from "@/lib/keys/key-dto";
import { loadPolicy } from "@/lib/settings/audit-policy";
import type { PlanInput } from "./plan";
import { knownKeyFacts } from "./rotation-store";

export async function planInputFor(key: KeyDto, now = new Date()): Promise<PlanInput & { oldUid: string | null }> {
  const [facts, policy] = await Promise.all([knownKeyFacts(key.id), loadPolicy()]);
  return {
    label: key.label,
    purpose: key.purpose,
    region: key.region,
    demo: key.demo,
    subAcct: key.subAcct,
    consumers: key.consumers,
    oldPerms: facts.perm,
    oldIps: facts.ip,
    oldUid: facts.uid,
    readOnlyNeedsIp: policy.readOnlyNeedsIp,
    now,
  };
}
