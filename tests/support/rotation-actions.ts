// The rotation page's actions bound to (keyId, rotationId): the session table and the HTTP fuzzer both list them,
// and a new step action must reach both.
export const ROTATION_STEP_ACTIONS = [
  "enterNewKeyAction",
  "replaceNewKeyAction",
  "createNewKeyAction",
  "revealAction",
  "verifyAction",
  "consumerAction",
  "consumersDoneAction",
  "revokeAction",
  "deleteOldAction",
  "abandonAction",
  "confirmCopiedAction",
  "replaceUnrevealedAction",
  "writeFileAction",
] as const;
