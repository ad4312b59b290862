import "server-only";
// Deleting an unmanaged key on OKX through its master key (POST /users/subaccount/delete-apikey), confirmed by
// typing the key's name. "Done" means verified: the master's listing of that sub-account no longer shows the key.
// Until then nothing changes locally; an OKX refusal (50035 master not IP-bound, 50120 no trade permission,
// 59500 not a master key, network) leaves the listing row and the log as they were.
import { z } from "zod";
import type { Actor } from "@/lib/event-log/record";
import { recordEvent } from "@/lib/event-log/record";
import { db } from "@/lib/db/client";
import { AppError, ValidationError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { loadKeyCredentials } from "@/lib/keys/credentials";
import { isListed, type MasterAccess } from "@/lib/master-key";
import type { OkxClient } from "@/lib/okx/client";
import { defaultOkxClient } from "@/lib/okx/default-client";
import { OkxError } from "@/lib/okx/errors";
import { findUnmanagedKey, publicKeyOf } from "./find-unmanaged-key";

const confirmSchema = z.object({ confirm: z.string({ error: "Type the key's name to confirm." }).max(200) });

export interface DeletedOnOkx {
  name: string;
  subAcct: string;
  masterLabel: string;
}

export async function deleteUnmanagedOnOkx(id: number, input: unknown, opts: { actor?: Actor; client?: OkxClient } = {}): Promise<DeletedOnOkx> {
  const { confirm } = parseInput(confirmSchema, input);
  const target = await findUnmanagedKey(id);
  if (confirm.trim() !== target.name) throw new ValidationError({ confirm: [`Type “${target.name}” exactly to confirm deleting it on OKX.`] });
  const apiKey = publicKeyOf(target);
  const master = await loadKeyCredentials(target.masterKeyId);
  const access: MasterAccess = { client: opts.client ?? defaultOkxClient(), master, subAcct: target.subAcct };
  // Not deleteAndConfirmGone: that lists first, and a failed listing must not read as "OKX refused the delete".
  try {
    await access.client.deleteSubAccountKey(master, { subAcct: target.subAcct, apiKey }, { uidHint: master.lastUid });
  } catch (e) {
    throw failed("OKX refused the delete", e);
  }
  let still: boolean;
  try {
    still = await isListed(access, apiKey);
  } catch (e) {
    throw failed("OKX accepted the delete, but its listing could not be read to verify it", e, "Check the master key again to refresh the listing.");
  }
  if (still) throw new AppError("OKX accepted the delete but still lists the key. Nothing was changed in Keywarden; try again in a moment.", "still-listed");
  const prisma = await db();
  const actor = opts.actor ?? "web";
  await prisma.$transaction(async (tx) => {
    // Every master's listing of it: the key no longer exists on OKX.
    await tx.discoveredSubKey.deleteMany({ where: { apiKeyDigest: target.digest } });
    await recordEvent(
      {
        action: "key.delete_on_okx",
        actor,
        keyLabel: target.name,
        detail: {
          fingerprint: target.fingerprint,
          subAcct: target.subAcct,
          masterKeyId: target.masterKeyId,
          masterLabel: target.masterLabel,
          verified: "gone from the sub-account's key listing",
        },
      },
      tx,
    );
  });
  return { name: target.name, subAcct: target.subAcct, masterLabel: target.masterLabel };
}

function failed(what: string, e: unknown, next = "Nothing was changed in Keywarden."): unknown {
  if (!(e instanceof OkxError)) return e;
  return new AppError(`${what}: OKX ${e.code ? `error ${e.code}` : e.kind}: ${e.advice} ${next}`, `okx-${e.code || e.kind}`);
}
