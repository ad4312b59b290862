// The signed OKX client: region → host, clock-skew correction, per-UID pacing, timeouts, retries of
// idempotent reads, and zod-checked DTOs. Pure (no DB, no server-only) so the CLI and benchmarks use it too.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { ClockSkewCache, skewFromSample } from "./clock-skew";
import { OkxError, serverError } from "./errors";
import { type LimitGroup, RateLimiter, type RateSlot, realClock, type LimiterClock } from "./rate-limiter";
import { resolveBaseUrl } from "./regions";
import {
  accountConfigSchema,
  createdSubAccountKeySchema,
  deletedSubAccountKeySchema,
  describeIssues,
  modifiedSubAccountKeySchema,
  publicTimeSchema,
  subAccountKeysSchema,
  subAccountListSchema,
} from "./schemas";
import type { Semaphore } from "./semaphore";
import type { HttpMethod } from "./sign";
import { type AttemptAuth, buildQuery, sendAttempt } from "./transport";
import {
  type AccountConfig,
  type CreateSubAccountKeyInput,
  type CreatedSubAccountKey,
  type DeleteSubAccountKeyInput,
  type ListSubAccountsQuery,
  type ModifiedSubAccountKey,
  type ModifySubAccountKeyInput,
  type OkxCredentials,
  type RequestMeta,
  type SubAccount,
  type SubAccountKey,
  parseOkxTs,
  splitList,
} from "./types";
import { parsePerm } from "@/lib/domain";

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

interface CallSpec<S extends z.ZodType> {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: Record<string, unknown>;
  group: LimitGroup;
  schema: S;
}

export class OkxClient {
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

  /** account/config with timing: what checks store. */
  async fetchAccountConfig(creds: OkxCredentials, opts: CallOptions = {}): Promise<WithMeta<AccountConfig>> {
    const res = await this.privateCall(creds, opts, {
      method: "GET",
      path: "/api/v5/account/config",
      group: "accountConfig",
      schema: accountConfigSchema,
    });
    const raw = res.data[0];
    const config: AccountConfig = {
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
    return { data: config, meta: res.meta };
  }

  async getAccountConfig(creds: OkxCredentials, opts: CallOptions = {}): Promise<AccountConfig> {
    return (await this.fetchAccountConfig(creds, opts)).data;
  }

  /** Sub-accounts of the master account `creds` belongs to (one page; OKX pages by `after`/`before`). */
  async listSubAccounts(creds: OkxCredentials, query: ListSubAccountsQuery = {}, opts: CallOptions = {}): Promise<SubAccount[]> {
    const res = await this.privateCall(creds, opts, {
      method: "GET",
      path: "/api/v5/users/subaccount/list",
      query: { ...query },
      group: "subaccountList",
      schema: subAccountListSchema,
    });
    return res.data.map((s) => ({
      subAcct: s.subAcct,
      uid: s.uid,
      label: s.label,
      enabled: s.enable,
      createdAt: requireTs(s.ts, "GET /api/v5/users/subaccount/list"),
      type: s.type ?? null,
      frozenFunc: s.frozenFunc ?? [],
    }));
  }

  async listSubAccountKeys(creds: OkxCredentials, subAcct: string, apiKey?: string, opts: CallOptions = {}): Promise<SubAccountKey[]> {
    const res = await this.privateCall(creds, opts, {
      method: "GET",
      path: "/api/v5/users/subaccount/apikey",
      query: { subAcct, apiKey },
      group: "subaccountApikeyGet",
      schema: subAccountKeysSchema,
    });
    return res.data.map((k) => ({
      subAcct,
      label: k.label,
      apiKey: k.apiKey,
      perm: parsePerm(k.perm),
      permRaw: k.perm,
      ip: splitList(k.ip),
      createdAt: requireTs(k.ts, "GET /api/v5/users/subaccount/apikey"),
    }));
  }

  async createSubAccountKey(creds: OkxCredentials, input: CreateSubAccountKeyInput, opts: CallOptions = {}): Promise<CreatedSubAccountKey> {
    assertKeyShape(input.perm, input.ip);
    if (input.perm.length === 0) throw new TypeError("createSubAccountKey: perm must not be empty");
    const res = await this.privateCall(creds, opts, {
      method: "POST",
      path: "/api/v5/users/subaccount/apikey",
      body: { subAcct: input.subAcct, label: input.label, passphrase: input.passphrase, perm: input.perm.join(","), ip: input.ip.join(",") },
      group: "subaccountApikeyCreate",
      schema: createdSubAccountKeySchema,
    });
    const k = res.data[0];
    return {
      subAcct: k.subAcct ?? input.subAcct,
      label: k.label ?? input.label,
      apiKey: k.apiKey,
      secretKey: k.secretKey,
      passphrase: k.passphrase ?? input.passphrase,
      perm: parsePerm(k.perm ?? input.perm.join(",")),
      permRaw: k.perm ?? input.perm.join(","),
      ip: k.ip === undefined ? [...input.ip] : splitList(k.ip),
      // Just created: "now" is its creation time to within a round trip.
      createdAt: (k.ts === undefined ? null : parseOkxTs(k.ts)) ?? new Date(),
    };
  }

  async modifySubAccountKey(creds: OkxCredentials, input: ModifySubAccountKeyInput, opts: CallOptions = {}): Promise<ModifiedSubAccountKey> {
    assertKeyShape(input.perm ?? [], input.ip ?? []);
    // An empty list would be sent as perm="" and could leave the key with less than the caller meant.
    if (input.perm?.length === 0) throw new TypeError("modifySubAccountKey: perm must not be empty (leave it out to keep the current permissions)");
    const body: Record<string, unknown> = { subAcct: input.subAcct, apiKey: input.apiKey };
    if (input.label !== undefined) body.label = input.label;
    if (input.perm !== undefined) body.perm = input.perm.join(",");
    if (input.ip !== undefined) body.ip = input.ip.join(",");
    const res = await this.privateCall(creds, opts, {
      method: "POST",
      path: "/api/v5/users/subaccount/modify-apikey",
      body,
      group: "subaccountApikeyModify",
      schema: modifiedSubAccountKeySchema,
    });
    const k = res.data[0];
    return {
      subAcct: k.subAcct,
      label: k.label,
      apiKey: k.apiKey,
      perm: parsePerm(k.perm),
      permRaw: k.perm,
      ip: splitList(k.ip),
      createdAt: k.ts === undefined ? null : parseOkxTs(k.ts),
    };
  }

  async deleteSubAccountKey(creds: OkxCredentials, input: DeleteSubAccountKeyInput, opts: CallOptions = {}): Promise<{ subAcct: string }> {
    const res = await this.privateCall(creds, opts, {
      method: "POST",
      path: "/api/v5/users/subaccount/delete-apikey",
      body: { subAcct: input.subAcct, apiKey: input.apiKey },
      group: "subaccountApikeyDelete",
      schema: deletedSubAccountKeySchema,
    });
    return { subAcct: res.data[0].subAcct };
  }

  private keyRef(creds: Pick<OkxCredentials, "apiKey" | "region" | "baseUrl">): string {
    // A digest, so this map never holds even the public half of a key in clear.
    return createHash("sha256").update(`${this.baseUrlFor(creds)}\n${creds.apiKey}`).digest("base64url").slice(0, 22);
  }

  private async privateCall<S extends z.ZodType>(creds: OkxCredentials, opts: CallOptions, spec: CallSpec<S>): Promise<WithMeta<z.output<S>>> {
    const baseUrl = this.baseUrlFor(creds);
    const ref = this.keyRef(creds);
    const uid = opts.uidHint ?? this.learnedUids.get(ref) ?? null;
    const auth: AttemptAuth = { apiKey: creds.apiKey, secretKey: creds.secretKey, passphrase: creds.passphrase, demo: creds.demo };
    let skewMs = await this.measureSkew(baseUrl, opts);
    let remeasured = false;
    for (;;) {
      try {
        const res = await this.request(baseUrl, auth, spec, { ...opts, uidHint: uid }, skewMs);
        if (spec.group === "accountConfig") this.learn(ref, uid, res.data as z.output<typeof accountConfigSchema>, res.slots);
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

  private learn(ref: string, usedUid: string | null, data: z.output<typeof accountConfigSchema>, slots: RateSlot[]): void {
    const uid = data[0]?.uid;
    if (!uid) return;
    this.learnedUids.set(ref, uid);
    // The requests were charged to another bucket (unknown or a stale hint): charge them to the real one too.
    if (usedUid !== uid) for (const slot of slots) this.limiter.attribute("accountConfig", uid, slot);
  }

  /** Paced, timed, retried request; parses `data` with the spec's schema. */
  private async request<S extends z.ZodType>(
    baseUrl: string,
    auth: AttemptAuth | null,
    spec: CallSpec<S>,
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

function requireTs(ts: string, endpoint: string): Date {
  const d = parseOkxTs(ts);
  if (!d) throw serverError(`${endpoint} returned a ts that is not a millisecond timestamp`, 200);
  return d;
}

function assertKeyShape(perm: readonly string[], ip: readonly string[]): void {
  for (const p of perm) if (p !== "read_only" && p !== "trade") throw new TypeError(`Sub-account keys cannot get the "${p}" permission`);
  // OKX binds at most 20 IPs per key.
  if (ip.length > 20) throw new TypeError("OKX allows at most 20 IP addresses per key");
}
