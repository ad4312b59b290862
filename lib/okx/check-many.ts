// Checks many keys at once. Every key gets its own task straight away and the client's rate limiter
// decides who goes when: keys of one UID queue behind each other while other UIDs run in parallel.
// (A fixed worker pool would stall on the busiest UID.) The semaphore only caps sockets in flight.
import type { CallOptions, OkxClient } from "./client";
import { defaultOkxClient } from "./default-client";
import { OkxError, unexpectedError } from "./errors";
import { DEFAULT_IN_FLIGHT, Semaphore } from "./semaphore";
import type { AccountConfig, OkxCredentials, RequestMeta } from "./types";

export interface CheckManyItem<Id extends string = string> {
  id: Id;
  creds: OkxCredentials;
  uidHint?: string | null;
}

export type CheckManyResult<Id extends string = string> =
  | { id: Id; ok: true; config: AccountConfig; meta: RequestMeta }
  | { id: Id; ok: false; error: OkxError };

export interface CheckManyOptions<Id extends string = string> {
  /** Defaults to the process-wide client, so its rate-limit windows are shared with every other caller. */
  client?: OkxClient;
  /** Max requests on the wire at once (default DEFAULT_IN_FLIGHT, as check-all). */
  concurrency?: number;
  signal?: AbortSignal;
  onResult?: (r: CheckManyResult<Id>) => void;
}

export async function checkAccountConfigs<Id extends string>(
  items: readonly CheckManyItem<Id>[],
  opts: CheckManyOptions<Id> = {},
): Promise<CheckManyResult<Id>[]> {
  const client = opts.client ?? defaultOkxClient();
  const gate = new Semaphore(opts.concurrency ?? DEFAULT_IN_FLIGHT);
  return Promise.all(
    items.map(async (item): Promise<CheckManyResult<Id>> => {
      const callOpts: CallOptions = { uidHint: item.uidHint ?? null, signal: opts.signal, gate };
      let result: CheckManyResult<Id>;
      try {
        const { data, meta } = await client.fetchAccountConfig(item.creds, callOpts);
        result = { id: item.id, ok: true, config: data, meta };
      } catch (e) {
        // Non-OKX failures (a bug, an abort) still count as this key's result and never leak their text.
        result = { id: item.id, ok: false, error: e instanceof OkxError ? e : unexpectedError() };
      }
      opts.onResult?.(result);
      return result;
    }),
  );
}
