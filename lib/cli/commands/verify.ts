// keywarden verify: a preflight gate for a bot's start script. Asks OKX about each key now (through lib/checks,
// so the answer is paced per UID and stored like `keywarden check`), decides with lib/verify which failure class
// the key is in and whether each requirement held, and exits with that class's status (README "Exit status").
// It fails closed: no answer, unknown permissions or a locked vault never pass.
import { checkAll } from "@/lib/checks";
import type { CheckDto } from "@/lib/checks/check-dto";
import { AppError } from "@/lib/errors/app-error";
import { listKeys } from "@/lib/keys/key-store";
import { REGIONS } from "@/lib/domain";
import { BaseUrlConfigError, parseBaseUrlOverride } from "@/lib/okx/regions";
import { loadReportRows, type ReportRow } from "@/lib/reports/report-rows";
import {
  evaluateKey,
  terminalSafe,
  terminalSafeJson,
  VERIFY_PERMS,
  VERIFY_STATUSES,
  worstStatus,
  type KeyVerdict,
  type VerifyPerm,
  type VerifyRequirements,
  type VerifyStatus,
} from "@/lib/verify/requirements";
import { EXIT, type ExitCode } from "../exit-codes";
import { NoPassphraseError, unlockForCli } from "../open-vault";
import { errorLine } from "../error-line";
import { oneOf, parseFlags, UsageError, USAGE } from "../usage";

export const VERIFY_EXIT: Record<VerifyStatus, ExitCode> = {
  pass: EXIT.ok,
  requirement_failed: EXIT.verifyRequirement,
  gone: EXIT.verifyGone,
  auth_error: EXIT.verifyAuth,
  unreachable: EXIT.verifyUnreachable,
};

const WORD: Record<VerifyStatus, string> = {
  pass: "PASS",
  requirement_failed: "FAIL",
  gone: "GONE",
  auth_error: "REFUSED",
  unreachable: "UNVERIFIED",
};

function perms(flag: string, values: string[] | undefined): VerifyPerm[] {
  return [...new Set((values ?? []).map((v) => oneOf(flag, v, VERIFY_PERMS)!))];
}

function parseRequirements(values: Record<string, unknown>): VerifyRequirements {
  const require = perms("--require", values.require as string[] | undefined);
  const forbid = perms("--forbid", values.forbid as string[] | undefined);
  const both = require.filter((p) => forbid.includes(p));
  if (both.length) throw new UsageError(`${both.join(", ")} cannot be both required and forbidden.`);
  const rawAge = values["max-age"] as string | undefined;
  let maxAgeDays: number | null = null;
  if (rawAge !== undefined) {
    if (!/^\d{1,5}$/.test(rawAge)) throw new UsageError("--max-age must be a whole number of days.");
    maxAgeDays = Number(rawAge);
  }
  const entity = oneOf("--entity", values.entity as string | undefined, REGIONS) ?? null;
  return { require, forbid, requireIp: values["require-ip"] === true, maxAgeDays, entity };
}

/** The newest check stored since `since`, and the others (older). */
function splitChecks(row: ReportRow, since: Date): { check: CheckDto | null; earlier: CheckDto[] } {
  const [newest, ...rest] = row.checks;
  if (newest && newest.at >= since) return { check: newest, earlier: rest };
  return { check: null, earlier: row.checks };
}

export async function verifyCommand(args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags(
    args,
    {
      all: { type: "boolean" },
      require: { type: "string", multiple: true },
      forbid: { type: "string", multiple: true },
      "require-ip": { type: "boolean" },
      "max-age": { type: "string" },
      entity: { type: "string" },
      json: { type: "boolean" },
    },
    true,
  );
  if (values.help) return (void process.stdout.write(USAGE), EXIT.ok);
  if (values.all && positionals.length) throw new UsageError("Give either --all or key labels, not both.");
  if (!values.all && positionals.length === 0) throw new UsageError("Say which keys to verify: --all, or one or more labels.");
  const requirements = parseRequirements(values);
  try {
    parseBaseUrlOverride(process.env.OKX_API_BASE_URL);
  } catch (e) {
    if (e instanceof BaseUrlConfigError) throw new AppError(`${e.message}. Nothing was verified.`, "config");
    throw e;
  }

  try {
    await unlockForCli();
  } catch (e) {
    // A gate that cannot open the vault must not look like any other failure a script might retry or ignore.
    if (!(e instanceof NoPassphraseError)) throw e;
    process.stderr.write(`${errorLine(e)} Nothing was verified.\n`);
    return EXIT.verifyLocked;
  }

  const stored = await listKeys();
  let ids: string[];
  if (values.all) {
    ids = stored.map((k) => k.id);
    if (!ids.length) throw new AppError("No stored keys to verify.", "invalid-input");
  } else {
    const byLabel = new Map(stored.map((k) => [k.label, k.id]));
    const unknown = positionals.filter((l) => !byLabel.has(l));
    if (unknown.length) throw new UsageError(`No stored key is labelled ${unknown.map((l) => `“${terminalSafe(l.slice(0, 64))}”`).join(", ")}.`);
    ids = [...new Set(positionals.map((l) => byLabel.get(l)!))];
  }

  const started = new Date();
  const summary = await checkAll({ keyIds: ids, actor: "cli" });
  let rows = await loadReportRows();
  // A sub-account key bound to its bot's server answers 50110 here forever: what it may do is known only from its
  // master key's sub-account listing, so that master is asked now too (its check refreshes the listing).
  const byId = (list: ReportRow[]) => new Map(list.map((r) => [r.key.id, r]));
  const masters = new Set<string>();
  for (const id of ids) {
    const row = byId(rows).get(id);
    const { check } = row ? splitChecks(row, started) : { check: null };
    if (row && check?.outcome === "ip_blocked" && row.key.subAcct && row.key.parentKeyId && !ids.includes(row.key.parentKeyId))
      masters.add(row.key.parentKeyId);
  }
  if (masters.size) {
    await checkAll({ keyIds: [...masters], actor: "cli" });
    rows = await loadReportRows();
  }

  const skipped = new Map(summary.results.filter((r) => r.outcome === "skipped").map((r) => [r.keyId, r.reason ?? "skipped"]));
  const now = new Date();
  const rowsById = byId(rows);
  const verdicts: { row: ReportRow; verdict: KeyVerdict; check: CheckDto | null }[] = [];
  for (const id of ids) {
    const row = rowsById.get(id);
    if (!row) continue; // deleted while verify ran: nothing to report on
    const { check, earlier } = splitChecks(row, started);
    const verdict = evaluateKey({ key: row.auditKey, check, earlier, skipped: skipped.get(id), requirements, now });
    verdicts.push({ row, verdict, check });
  }
  const status = verdicts.length ? worstStatus(verdicts.map((v) => v.verdict.status)) : "unreachable";
  const exitCode = VERIFY_EXIT[status];

  if (values.json) {
    const doc = {
      version: 1,
      verifiedAt: now.toISOString(),
      status,
      exitCode,
      requirements,
      keys: verdicts.map(({ row, verdict: v, check }) => ({
        label: row.key.label,
        fingerprint: row.key.fingerprint,
        status: v.status,
        exitCode: VERIFY_EXIT[v.status],
        summary: v.summary,
        demo: v.demo,
        entity: v.entity,
        ageDays: v.ageDays,
        perm: v.perm,
        permSource: v.permSource,
        permListedAt: v.permListedAt?.toISOString() ?? null,
        ip: v.ip,
        okx: check ? { at: check.at.toISOString(), outcome: check.outcome, code: check.code, message: check.message } : null,
        requirements: v.requirements,
      })),
    };
    process.stdout.write(`${terminalSafeJson(doc)}\n`);
  } else {
    for (const { row, verdict: v } of verdicts) {
      const demo = v.demo ? " [demo key]" : "";
      process.stdout.write(terminalSafe(`${WORD[v.status].padEnd(10)} ${row.key.label} (${row.key.fingerprint})${demo}: ${v.summary}`) + "\n");
    }
    const counts = Object.entries(countBy(verdicts.map((v) => v.verdict.status))).map(([s, n]) => `${n} ${s.replace("_", " ")}`);
    process.stdout.write(`Verified ${verdicts.length} key${verdicts.length === 1 ? "" : "s"}: ${counts.join(", ")} — exit status ${exitCode}.\n`);
  }
  return exitCode;
}

function countBy(statuses: VerifyStatus[]): Partial<Record<VerifyStatus, number>> {
  const out: Partial<Record<VerifyStatus, number>> = {};
  // Always in the same order, so a log line reads the same whatever order the keys came in.
  for (const s of VERIFY_STATUSES) {
    const n = statuses.filter((x) => x === s).length;
    if (n) out[s] = n;
  }
  return out;
}
