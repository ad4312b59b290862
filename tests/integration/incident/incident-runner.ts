// A separate Keywarden process for the incident's kill-and-resume test: unlocks the vault in KEYWARDEN_DATA_DIR, runs
// one incident step on fresh module state, prints "STEP-DONE <result JSON>" and idles until the test SIGKILLs it
// (no database close, no vault lock). "STEP-START" comes first, so the test can also kill it inside a step.
//   node --conditions=react-server --import tsx tests/integration/incident/incident-runner.ts STEP ARGS_JSON
export {};

async function main(): Promise<void> {
  const [step, json] = process.argv.slice(2);
  const args = JSON.parse(json ?? "{}") as Record<string, unknown>;
  const vault = await import("@/lib/vault/vault");
  const incident = await import("@/lib/incident");
  await vault.unlockVault(String(process.env.STEP_MASTER));
  process.stdout.write("STEP-START\n");
  const id = String(args.incidentId ?? "");
  let result: unknown = null;
  switch (step) {
    case "open":
      result = { incidentId: await incident.openIncident(String(args.consumerId)) };
      break;
    case "advance":
      result = await incident.advanceIncident(id);
      break;
    case "show":
      result = await incident.getIncident(id);
      break;
    case "report":
      result = { markdown: incident.incidentReportMarkdown(await incident.getIncident(id)) };
      break;
    default:
      throw new Error(`unknown step ${step}`);
  }
  process.stdout.write(`STEP-DONE ${JSON.stringify(result ?? null)}\n`);
  setInterval(() => undefined, 60_000);
}

main().catch((e: unknown) => {
  process.stdout.write(`STEP-FAILED ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
