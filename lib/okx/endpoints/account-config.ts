// GET /api/v5/account/config: what a key can see about itself (perm, IPs, label, uid / mainUid, account type).
import type { z } from "zod";
import type { EndpointCall } from "../request-pipeline";
import { accountConfigSchema } from "../schemas";
import { type AccountConfig, splitList } from "../types";
import { parsePerm } from "@/lib/domain";

export const accountConfigCall: EndpointCall<typeof accountConfigSchema> = {
  method: "GET",
  path: "/api/v5/account/config",
  group: "accountConfig",
  schema: accountConfigSchema,
  // The reply names the key's own uid: the client paces the key's next calls in that UID's bucket.
  uidOf: (data) => data[0]?.uid,
};

export function toAccountConfig(data: z.output<typeof accountConfigSchema>): AccountConfig {
  const raw = data[0];
  return {
    uid: raw.uid,
    mainUid: raw.mainUid,
    isSubAccount: raw.uid !== raw.mainUid,
    perm: parsePerm(raw.perm),
    permRaw: raw.perm,
    ip: splitList(raw.ip),
    label: raw.label,
    acctLv: raw.acctLv,
    roleType: raw.roleType ?? null,
    type: raw.type ?? null,
    kycLv: raw.kycLv ?? null,
    posMode: raw.posMode ?? null,
    level: raw.level ?? null,
    enableSpotBorrow: raw.enableSpotBorrow ?? null,
    opAuth: raw.opAuth ?? null,
  };
}
