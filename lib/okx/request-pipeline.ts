// The way every OKX request goes: region → host, clock-skew correction, per-UID pacing, an optional cap on
// requests in flight, timeouts, retries of idempotent reads, and the reply checked against the endpoint's zod
// schema. What each endpoint sends and how its reply becomes a DTO lives in endpoints/; one HTTP attempt
// (signing, headers, the fetch, error mapping) lives in transport.ts. Pure: no DB, no server-only.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { ClockSkewCache, skewFromSample } from "./clock-skew";
import { OkxError, serverError } from "./errors";
import { type LimitGroup, RateLimiter, type RateSlot, realClock, type LimiterClock } from "./rate-limiter";
import { resolveBaseUrl } from "./regions";
import { describeIssues, publicTimeSchema } from "./schemas";
import type { Semaphore } from "./semaphore";
import type { HttpMethod } from "./sign";
import { type AttemptAuth, buildQuery, sendAttempt } from "./transport";
import type { OkxCredentials, RequestMeta } from "./types";

export interface OkxClientOptions {
  fetch?: typeof fetch;
  /** Where OKX_API_BASE_URL is read from, on every call (default process.env). */
  env?: Record<string, string | undefined>;
  limiter?: RateLimiter;
  skewCache?: ClockSkewCache;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** Total tries for idempotent GETs (default 3). POSTs are never retried. */
  maxAttempts?: number;
  /** First retry waits about this long, doubling each time, ±50 % jitter (default 300 ms). */
  backoffBaseMs?: number;
  /** How long a clock-skew measurement is trusted (default 5 min). */
  skewTtlMs?: number;
  clock?: LimiterClock;
  random?: () => number;
}

export interface CallOptions {
  /** The key's uid when known (e.g. from its last check): selects the rate-limit bucket. */
  uidHint?: string | null;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Optional cap on requests in flight, taken after the rate limiter grants a slot. */
  gate?: Semaphore;
  /** Fewer tries than the client's default for this call (entity detection: an unreachable host must not hold an add for long). */
  maxAttempts?: number;
}

export interface WithMeta<T> {
  data: T;
  meta: RequestMeta;
}

/** One endpoint as the pipeline sends it: what goes out, its rate-limit group, and the schema its `data` must pass. */
export interface EndpointCall<S extends z.ZodType> {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: Record<string, unknown>;
  group: LimitGroup;
  schema: S;
  /** The uid a reply names (account/config): learned so the key's next calls are paced in that UID's bucket. */
  uidOf?: (data: z.output<S>) => string | undefined;
}

export class OkxRequestPipeline {
  readonly limiter: RateLimiter;
  readonly skew: ClockSkewCache;
  private readonly fetchImpl: typeof fetch;
  private readonly env: Record<string, string | undefined> | undefined;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly clock: LimiterClock;
  private readonly random: () => number;
  /** Key fingerprint → uid learned from account/config, so the next call is paced in the right bucket. */
  private readonly learnedUids = new Map<string, string>();

  constructor(opts: OkxClientOptions = {}) {
    this.fetchImpl = opts.fetch ?? globalThis.fetch.bind(globalThis);
    this.env = opts.env;
    this.clock = opts.clock ?? realClock;
    this.limiter = opts.limiter ?? new RateLimiter({ clock: this.clock });
    this.skew = opts.skewCache ?? new ClockSkewCache({ ttlMs: opts.skewTtlMs, now: () => this.clock.now() });
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
    this.backoffBaseMs = opts.backoffBaseMs ?? 300;
    this.random = opts.random ?? Math.random;
  }

  baseUrlFor(creds: Pick<OkxCredentials, "region" | "baseUrl">): string {
    return resolveBaseUrl(creds.region, this.env ?? process.env, creds.baseUrl);
  }

  /** The uid this client learned for a key from an earlier reply, if any. */
  learnedUid(creds: Pick<OkxCredentials, "apiKey" | "region" | "baseUrl">): string | null {
    return this.learnedUids.get(this.keyRef(creds)) ?? null;
  }

  /** Server minus local clock for a host (ms), measured now or taken from the cache. */
  async measureSkew(baseUrl: string, opts: Pick<CallOptions, "signal" | "timeoutMs"> = {}): Promise<number> {
    return this.skew.getOrMeasure(baseUrl, async () => {
      let sentAt = 0;
      let receivedAt = 0;
      const { data } = await this.request(
        baseUrl,
        null,
        { method: "GET", path: "/api/v5/public/time", group: "publicTime", schema: publicTimeSchema },
        { ...opts, uidHint: null },
        0,
        { before: () => (sentAt = this.clock.now()), after: () => (receivedAt = this.clock.now()) },
      );
      const serverTs = Number(data[0].ts);
      if (!Number.isFinite(serverTs)) throw serverError("GET /api/v5/public/time returned a non-numeric ts", 200);
      return skewFromSample(sentAt, receivedAt, serverTs);
    });
  }

  /** A request signed with `creds`, on the key's host, paced in its UID's bucket; `data` as the schema parsed it. */
  protected async signedCall<S extends z.ZodType>(creds: OkxCredentials, opts: CallOptions, spec: EndpointCall<S>): Promise<WithMeta<z.output<S>>> {
    const baseUrl = this.baseUrlFor(creds);
    const ref = this.keyRef(creds);
    const uid = opts.uidHint ?? this.learnedUids.get(ref) ?? null;
    const auth: AttemptAuth = { apiKey: creds.apiKey, secretKey: creds.secretKey, passphrase: creds.passphrase, demo: creds.demo };
    let skewMs = await this.measureSkew(baseUrl, opts);
    let remeasured = false;
    for (;;) {
      try {
        const res = await this.request(baseUrl, auth, spec, { ...opts, uidHint: uid }, skewMs);
        if (spec.uidOf) this.learn(ref, uid, spec.uidOf(res.data), spec.group, res.slots);
        return { data: res.data, meta: res.meta };
      } catch (e) {
        // Our cached skew may be stale (the clock jumped): re-measure once and try again. Only reads.
        if (e instanceof OkxError && e.code === "50102" && spec.method === "GET" && !remeasured) {
          remeasured = true;
          this.skew.invalidate(baseUrl);
          skewMs = await this.measureSkew(baseUrl, opts);
          continue;
        }
        throw e;
      }
    }
  }

  private keyRef(creds: Pick<OkxCredentials, "apiKey" | "region" | "baseUrl">): string {
    // A digest, so this map never holds even the public half of a key in clear.
    return createHash("sha256")
      .update(`${this.baseUrlFor(creds)}\n${creds.apiKey}`)
      .digest("base64url")
      .slice(0, 22);
  }

  private learn(ref: string, usedUid: string | null, uid: string | undefined, group: LimitGroup, slots: RateSlot[]): void {
    if (!uid) return;
    this.learnedUids.set(ref, uid);
    // The requests were charged to another bucket (unknown or a stale hint): charge them to the real one too.
    if (usedUid !== uid) for (const slot of slots) this.limiter.attribute(group, uid, slot);
  }

  /** Paced, timed, retried request; parses `data` with the spec's schema. */
  private async request<S extends z.ZodType>(
    baseUrl: string,
    auth: AttemptAuth | null,
    spec: EndpointCall<S>,
    opts: CallOptions,
    skewMs: number,
    hooks?: { before(): void; after(): void },
  ) {
    const requestPath = spec.path + buildQuery(spec.query);
    const body = spec.method === "POST" ? JSON.stringify(spec.body ?? {}) : "";
    const endpoint = `${spec.method} ${spec.path}`;
    const maxAttempts = spec.method === "GET" ? Math.max(1, Math.min(this.maxAttempts, opts.maxAttempts ?? this.maxAttempts)) : 1;
    const slots: RateSlot[] = [];
    let queuedMs = 0;
    for (let attempt = 1; ; attempt++) {
      const queuedFrom = this.clock.now();
      const bucket = spec.group === "publicTime" ? "ip" : (opts.uidHint ?? null);
      const slot = await this.limiter.acquire(spec.group, bucket, opts.signal);
      slots.push(slot);
      let release: (() => void) | undefined;
      let failure: unknown;
      try {
        release = await opts.gate?.acquire();
        queuedMs += this.clock.now() - queuedFrom;
        hooks?.before();
        const res = await sendAttempt({
          fetch: this.fetchImpl,
          baseUrl,
          method: spec.method,
          requestPath,
          body,
          auth,
          timestampMs: this.clock.now() + skewMs,
          timeoutMs: opts.timeoutMs ?? this.timeoutMs,
          signal: opts.signal,
          now: () => this.clock.now(),
          skewMs: auth ? skewMs : null,
        });
        hooks?.after();
        const parsed = spec.schema.safeParse(res.data);
        if (!parsed.success) {
          throw serverError(`${endpoint} returned a reply Keywarden cannot use: ${describeIssues(parsed.error)}`, res.httpStatus, {
            latencyMs: res.latencyMs,
            endpoint,
          });
        }
        const meta: RequestMeta = { baseUrl, latencyMs: res.latencyMs, queuedMs, skewMs, attempts: attempt };
        return { data: parsed.data as z.output<S>, meta, slots };
      } catch (e) {
        failure = e;
      } finally {
        // Before any backoff: the slot's window starts when the reply arrived, not after we slept.
        slot.done();
        release?.();
      }
      const e = failure;
      if (!(e instanceof OkxError) || !e.retryable || attempt >= maxAttempts || opts.signal?.aborted) throw e;
      await this.clock.sleep(this.backoff(attempt, e, spec.group), opts.signal);
    }
  }

  private backoff(attempt: number, e: OkxError, group: LimitGroup): number {
    const jittered = this.backoffBaseMs * 2 ** (attempt - 1) * (0.5 + this.random());
    // After a rate-limit reply, OKX's window is fuller than we thought: wait at least one window.
    return e.kind === "rate" ? Math.max(jittered, this.limiter.rule(group).windowMs) : jittered;
  }
}
