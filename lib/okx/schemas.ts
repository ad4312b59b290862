// zod schemas for OKX replies. Unknown fields are tolerated (OKX adds fields over time); fields we rely
// on are required so a changed reply is reported with the exact missing field instead of becoming
// an undefined deep inside the app.
import { z } from "zod";

// OKX sends codes as strings, but be lenient about numbers.
// (preprocess rather than a union, so a missing field is reported as missing.)
const okxString = z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string());
// Fields we only display: a missing or oddly typed one becomes undefined instead of failing the reply.
const extra = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const envelopeSchema = z.object({
  code: okxString,
  msg: z.string().optional().default(""),
  data: z.unknown().optional(),
});

export const publicTimeSchema = z.array(z.object({ ts: okxString })).min(1);

export const accountConfigSchema = z
  .array(
    z.object({
      uid: okxString,
      mainUid: okxString,
      perm: z.string(),
      ip: z.string(),
      label: z.string(),
      acctLv: okxString,
      // Present on real OKX replies but nothing essential depends on them.
      roleType: extra(okxString),
      type: extra(okxString),
      kycLv: extra(okxString),
      posMode: extra(z.string()),
      level: extra(z.string()),
      enableSpotBorrow: extra(z.boolean()),
      opAuth: extra(okxString),
    }),
  )
  .min(1);

export const subAccountListSchema = z.array(
  z.object({
    subAcct: z.string(),
    uid: okxString,
    label: z.string(),
    enable: z.boolean(),
    ts: okxString,
    type: extra(okxString),
    frozenFunc: extra(z.array(z.string())),
  }),
);

export const subAccountKeysSchema = z.array(
  z.object({
    label: z.string(),
    apiKey: z.string(),
    perm: z.string(),
    ip: z.string(),
    ts: okxString,
  }),
);

// The key already exists at OKX when this reply arrives and its secret is shown only this once, so only what
// cannot be known otherwise is required; the rest falls back to what the request asked for.
export const createdSubAccountKeySchema = z
  .array(
    z.object({
      subAcct: extra(z.string()),
      label: extra(z.string()),
      apiKey: z.string().min(1),
      secretKey: z.string().min(1),
      passphrase: extra(z.string()),
      perm: extra(z.string()),
      ip: extra(z.string()),
      ts: extra(okxString),
    }),
  )
  .min(1);

export const modifiedSubAccountKeySchema = z
  .array(
    z.object({
      subAcct: z.string(),
      label: z.string(),
      apiKey: z.string(),
      perm: z.string(),
      ip: z.string(),
      ts: extra(okxString),
    }),
  )
  .min(1);

export const deletedSubAccountKeySchema = z.array(z.object({ subAcct: z.string() })).min(1);

/**
 * Human-readable list of what is wrong, e.g. "missing data[0].perm; data[0].enable: expected boolean".
 * Only paths and expectations, never the received values (which could include a secret key).
 */
export function describeIssues(error: z.ZodError, root = "data"): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => {
      const path = [root, ...issue.path].map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
      const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
      if (missing) return `missing ${path}`;
      if (issue.code === "too_small") return `${path}: empty`;
      return `${path}: ${issue.code === "invalid_type" ? `expected ${issue.expected}` : issue.code}`;
    })
    .join("; ");
}
