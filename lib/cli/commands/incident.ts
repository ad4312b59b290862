// keywarden incident CONSUMER: "this app was compromised" from the command line. Without --execute it prints the plan
// (every key the consumer holds, most dangerous first, and what happens to each) and stores nothing. With --execute it
// opens the incident (or continues the open one), deletes the sub-account keys through their master keys, asks OKX
// about every key, destroys the secrets of those verified gone, and prints what is left with the okx.com steps.
// Running --execute again after deleting keys on okx.com verifies them and finishes the incident.
import { listConsumers, type ConsumerDto } from "@/lib/consumers/consumer-directory";
import { consumerQuery } from "@/lib/consumers/consumer-identity";
import { consumerText } from "@/lib/domain";
import { advanceIncident, getIncident, incidentReportMarkdown, openIncident, openIncidentFor, previewIncident, type IncidentDto } from "@/lib/incident";
import { listIncidentsFor } from "@/lib/incident";
import { AppError } from "@/lib/errors/app-error";
import { terminalSafe, terminalSafeJson } from "@/lib/verify/requirements";
import { EXIT, type ExitCode } from "../exit-codes";
import { unlockForCli } from "../open-vault";
import { parseFlags, UsageError, USAGE } from "../usage";

/** "3Commas @ cloud" names one consumer; "3Commas" alone names it when only one host has an app of that name. */
export function findConsumer(consumers: readonly ConsumerDto[], text: string): ConsumerDto {
  const q = consumerQuery(text);
  const id = consumerText({ name: q.name, host: q.host ?? undefined });
  const matches = consumers.filter((c) => (q.host ? c.id === id : c.id === q.name || c.name.toLowerCase().replace(/\s+/g, " ") === q.name));
  const exact = matches.filter((c) => c.id === id);
  if (exact.length === 1) return exact[0];
  if (matches.length === 1) return matches[0];
  if (matches.length > 1)
    throw new UsageError(
      `“${terminalSafe(text.slice(0, 80))}” names several consumers: ${matches.map((c) => `“${terminalSafe(c.display)}”`).join(", ")}. Add “@ host”.`,
    );
  throw new AppError(
    `No key is used by a consumer called “${terminalSafe(text.slice(0, 80))}”. \`keywarden list\` shows each key's consumers.`,
    "invalid-input",
  );
}

/** Each line made safe for a terminal, the line breaks kept. */
const lines = (s: string) => s.split("\n").map(terminalSafe).join("\n");

function jsonDoc(inc: IncidentDto, executed: boolean) {
  return {
    version: 1,
    executed,
    consumer: { id: inc.consumerId, name: inc.consumerName, host: inc.consumerHost },
    incident: inc.id ? { id: inc.id, state: inc.state, createdAt: inc.createdAt, confirmedAt: inc.confirmedAt, endedAt: inc.endedAt } : null,
    gone: inc.gone,
    left: inc.left,
    keys: inc.items.map((i) => ({
      label: i.label,
      fingerprint: i.fingerprint,
      perm: i.perm,
      demo: i.demo,
      subAcct: i.subAcct,
      via: i.via,
      master: i.masterLabel,
      status: i.status,
      statusText: i.statusText,
      deletedAt: i.deletedAt ?? null,
      verifiedAt: i.verifiedAt ?? null,
      evidence: i.evidence ?? null,
      last: i.last ?? null,
      steps: i.steps,
    })),
  };
}

function text(inc: IncidentDto, executed: boolean): string {
  const out: string[] = [];
  out.push(
    executed
      ? `Incident for “${inc.consumerName}”: ${inc.stateText} — ${inc.gone} of ${inc.items.length} keys verified gone.`
      : `Plan for “${inc.consumerName}” (nothing changed; add --execute to revoke): ${inc.items.length} key${inc.items.length === 1 ? "" : "s"}, most dangerous first.`,
  );
  inc.items.forEach((i, n) => {
    out.push(
      `${n + 1}. ${i.label} (${i.fingerprint}) — ${i.permWords}, ${i.demo ? "demo" : "live"}${i.subAcct ? `, sub-account ${i.subAcct}` : ""}: ${i.statusText}`,
    );
    if (i.last) out.push(`   ${i.last.message}`);
    for (const s of i.steps) out.push(`   - ${s}`);
  });
  if (executed && inc.left) out.push(`Delete the keys left on okx.com, then run this command again with --execute to verify them.`);
  return lines(out.join("\n"));
}

export async function incidentCommand(args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags(args, { json: { type: "boolean" }, execute: { type: "boolean" }, report: { type: "boolean" } }, true);
  if (values.help) return (void process.stdout.write(USAGE), EXIT.ok);
  if (positionals.length !== 1) throw new UsageError('Name one consumer: keywarden incident "NAME @ HOST".');
  if (values.report && values.execute) throw new UsageError("Give either --execute or --report, not both.");
  await unlockForCli();
  const consumers = await listConsumers();
  let consumerId: string;
  try {
    consumerId = findConsumer(consumers, positionals[0]).id;
  } catch (e) {
    // A consumer whose keys are all revoked is no longer in the list, but its incident report still is.
    const q = consumerQuery(positionals[0]);
    if (!values.report) throw e;
    consumerId = consumerText({ name: q.name, host: q.host ?? undefined });
  }
  if (values.report) {
    const latest = (await listIncidentsFor(consumerId))[0];
    if (!latest) throw new AppError("This consumer has no incident yet.", "invalid-input");
    process.stdout.write(lines(incidentReportMarkdown(latest)));
    return EXIT.ok;
  }
  let inc: IncidentDto;
  if (values.execute) {
    const open = await openIncidentFor(consumerId);
    const id = open?.id ?? (await openIncident(consumerId, { actor: "cli" }));
    await advanceIncident(id, { actor: "cli" });
    inc = await getIncident(id);
  } else {
    inc = (await openIncidentFor(consumerId)) ?? (await previewIncident(consumerId));
  }
  process.stdout.write(values.json ? `${terminalSafeJson(jsonDoc(inc, !!values.execute))}\n` : `${text(inc, !!values.execute)}\n`);
  return values.execute && inc.state !== "done" ? EXIT.incidentLeft : EXIT.ok;
}
