// A separate Keywarden process for kill-and-resume tests: unlocks the vault in KEYWARDEN_DATA_DIR, runs one rotation
// step, prints "STEP-DONE <result JSON>" and then idles, so the test can SIGKILL it with no graceful shutdown
// (no database close, no vault lock). It prints "STEP-START" first, so a test can also kill it inside a step.
//   node --conditions=react-server --import tsx tests/integration/rotation/step-runner.ts STEP ARGS_JSON
async function main(): Promise<void> {
  const [step, json] = process.argv.slice(2);
  const args = JSON.parse(json ?? "{}") as Record<string, unknown>;
  const vault = await import("@/lib/vault/vault");
  const rotation = await import("@/lib/rotation");
  await vault.unlockVault(String(process.env.STEP_MASTER));
  process.stdout.write("STEP-START\n");
  const id = String(args.rotationId ?? "");
  let result: unknown = null;
  switch (step) {
    case "start":
      result = await rotation.startRotation(String(args.oldKeyId));
      break;
    case "enter":
      result = await rotation.enterNewKey(id, args.newKey as never);
      break;
    case "verify":
      result = await rotation.verifyRotation(id);
      break;
    case "switch":
      result = await rotation.setConsumerSwitched(id, Number(args.index), true);
      break;
    case "confirm-switched":
      result = await rotation.confirmConsumersSwitched(id);
      break;
    case "revoke":
      result = await rotation.confirmOldKeyRevoked(id);
      break;
    case "create":
      result = await rotation.createNewKey(id, {});
      break;
    case "reveal":
      result = await rotation.revealNewSecret(id);
      break;
    case "confirm-copied":
      result = await rotation.confirmSecretsCopied(id, String(args.keyId));
      break;
    case "delete-old":
      result = await rotation.deleteOldKey(id);
      break;
    case "show":
      result = await rotation.getRotation(id);
      break;
    default:
      throw new Error(`unknown step ${step}`);
  }
  process.stdout.write(`STEP-DONE ${JSON.stringify(result ?? null)}\n`);
  setInterval(() => undefined, 60_000); // idle until killed
}

main().catch((e: unknown) => {
  process.stdout.write(`STEP-FAILED ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
