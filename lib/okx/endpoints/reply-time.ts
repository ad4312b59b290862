// OKX's `ts` fields are millisecond timestamps as strings; a listing's creation time must be one.
import { serverError } from "../errors";
import { parseOkxTs } from "../types";

export function requireTs(ts: string, endpoint: string): Date {
  const d = parseOkxTs(ts);
  if (!d) throw serverError(`${endpoint} returned a ts that is not a millisecond timestamp`, 200);
  return d;
}
