import "server-only";
// Whether a stored 50119 proves the key deleted (lib/audit/gone.ts says when it does). The rotations destroy an
// old key's secrets only on this proof, so a host that never knew the key (another entity's host) destroys nothing.
import { EXISTS_CODES, goneProof, type GoneProof } from "@/lib/audit/gone";
import { db } from "@/lib/db/client";
import { toCheckDto, type CheckDto } from "./check-dto";

export async function goneOnOkx(check: CheckDto): Promise<GoneProof | null> {
  if (check.code !== "50119") return null;
  if (check.notFoundAnywhere) return goneProof(check, [check]);
  if (check.region === null || check.demo === null) return null;
  const prisma = await db();
  const answered = await prisma.check.findFirst({
    where: {
      keyId: check.keyId,
      id: { lt: check.id },
      region: check.region,
      demo: check.demo,
      host: check.host,
      OR: [{ outcome: { in: ["ok", "ip_blocked"] } }, { code: { in: [...EXISTS_CODES] } }],
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  return answered ? goneProof(check, [toCheckDto(answered), check]) : null;
}
