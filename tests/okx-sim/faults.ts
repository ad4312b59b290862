// Runtime fault injection. Each request consumes at most one pending fault, checked in the order
// fail → hang → malformed → omit; the latency applies to every response, faulty or not.

export interface SimFaults {
  latencyMs: number;
  /** Next n requests get HTTP 500/503 (OKX 50026/50001) without being processed. */
  failNext(n: number, status?: 500 | 503): void;
  /** Next n requests are processed, then never answered (ms undefined) or answered after ms. */
  hangNext(n: number, ms?: number): void;
  /** Next n requests are processed, then answered with HTTP 200 and truncated JSON. */
  malformedNext(n: number): void;
  /** Next n requests are processed, then answered without these fields in each `data` item (a sparse reply). */
  omitNext(n: number, fields: readonly string[]): void;
  /** Clears every fault, the latency and the clock skew. */
  reset(): void;
}

export type PendingFault =
  { kind: "fail"; status: 500 | 503 } | { kind: "hang"; ms?: number } | { kind: "malformed" } | { kind: "omit"; fields: readonly string[] };

export interface FaultState extends SimFaults {
  take(): PendingFault | undefined;
}

export function createFaults(resetSkew: () => void): FaultState {
  let fail = { n: 0, status: 503 as 500 | 503 };
  let hang: { n: number; ms?: number } = { n: 0 };
  let malformed = 0;
  let omit: { n: number; fields: readonly string[] } = { n: 0, fields: [] };
  return {
    latencyMs: 0,
    failNext(n, status = 503) {
      fail = { n, status };
    },
    hangNext(n, ms) {
      hang = { n, ms };
    },
    malformedNext(n) {
      malformed = n;
    },
    omitNext(n, fields) {
      omit = { n, fields: [...fields] };
    },
    reset() {
      this.latencyMs = 0;
      fail = { n: 0, status: 503 };
      hang = { n: 0 };
      malformed = 0;
      omit = { n: 0, fields: [] };
      resetSkew();
    },
    take() {
      if (fail.n > 0) {
        fail.n--;
        return { kind: "fail", status: fail.status };
      }
      if (hang.n > 0) {
        hang.n--;
        return { kind: "hang", ms: hang.ms };
      }
      if (malformed > 0) {
        malformed--;
        return { kind: "malformed" };
      }
      if (omit.n > 0) {
        omit.n--;
        return { kind: "omit", fields: omit.fields };
      }
      return undefined;
    },
  };
}
