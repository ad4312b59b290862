// Turns what the OKX client returned into the fields of a Check row. Pure, so every mapping is unit-tested.
import { OkxError, unexpectedError, type OkxErrorKind } from "@/lib/okx/errors";
import type { AccountConfig, RequestMeta } from "@/lib/okx/types";
import type { CheckOutcome } from "@/lib/domain";
import type { CheckAnswerFields } from "./check-dto";

export interface CheckRecord extends CheckAnswerFields {
  outcome: CheckOutcome;
  code: string;
  message: string;
  perm: string | null;
  ip: string | null;
  /** Entity detection asked every other host and environment and none knew the key. */
  notFoundAnywhere?: boolean;
}

const OUTCOME_BY_KIND: Record<OkxErrorKind, CheckOutcome> = {
  auth: "auth_error",
  ip: "ip_blocked",
  rate: "rate_limited",
  network: "network_error",
  server: "error",
  permission: "error",
  frozen: "error",
  refused: "error",
  bug: "error",
  unknown: "error",
};

export function outcomeForError(e: OkxError): CheckOutcome {
  return OUTCOME_BY_KIND[e.kind];
}

export function recordFromSuccess(config: AccountConfig, meta: RequestMeta): CheckRecord {
  return {
    outcome: "ok",
    code: "0",
    message: "",
    perm: config.permRaw,
    ip: config.ip.join(","),
    uid: config.uid,
    mainUid: config.mainUid,
    label: config.label,
    acctLv: config.acctLv,
    acctType: config.type,
    latencyMs: Math.round(meta.latencyMs),
    skewMs: Math.round(meta.skewMs),
  };
}

const MAX_MESSAGE = 500;

/**
 * What is stored as an error's message: OKX's own words when it answered, otherwise our advice (network,
 * malformed replies, bugs). The plain advice for an OKX code is not stored: pages derive it from the code
 * (adviceForCode), so it stays current.
 */
export function storedMessage(e: OkxError): string {
  return (e.msg || e.advice).slice(0, MAX_MESSAGE);
}

export function recordFromError(error: unknown): CheckRecord {
  // Anything that is not an OkxError is a bug; its text is not ours to store (it could hold anything).
  const e = error instanceof OkxError ? error : unexpectedError();
  const message = storedMessage(e);
  return {
    outcome: outcomeForError(e),
    code: e.code,
    message,
    perm: null,
    ip: null,
    uid: null,
    mainUid: null,
    label: null,
    acctLv: null,
    acctType: null,
    latencyMs: Math.round(e.latencyMs ?? 0),
    skewMs: e.skewMs === null ? null : Math.round(e.skewMs),
  };
}
