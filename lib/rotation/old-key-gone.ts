import "server-only";
// The one proof both modes accept before an old key's secrets are destroyed.
import { goneOnOkx } from "@/lib/checks/key-gone";
import type { CheckDto } from "@/lib/checks/check-dto";

/**
 * OKX's "API key doesn't exist". It means the old key is gone only from the host that answered for it before
 * (lib/checks/key-gone.ts): another entity's host says the same about a key that still works there, and the old
 * secrets must never be destroyed on that answer. 50111 (malformed key) never means gone.
 */
export const GONE_CODES = ["50119"];

/** The old key's latest check proves it deleted on OKX. */
export async function provesOldKeyGone(check: CheckDto): Promise<boolean> {
  return check.outcome === "auth_error" && GONE_CODES.includes(check.code) && (await goneOnOkx(check)) !== null;
}
