import "server-only";
// Public surface of lib/rotation: start a rotation, move it step by step, read it for the wizard.
export { startRotation, previewPlan, automatedBlocker, preferredMode, type StartResult } from "./start-rotation";
export type { RotationOptions } from "./rotation-context";
export { enterNewKey, replaceNewKey, confirmOldKeyRevoked, type NewKeySecretsInput, type RevokeResult } from "./guided-steps";
export { reconcilePendingKey } from "./pending-key";
export { GONE_CODES } from "./old-key-gone";
export { createNewKey, type CreateResult } from "./create-new-key";
export { deleteOldKey, type DeleteOldResult } from "./delete-old-key";
export { parseIpList } from "./ip-list";
export { revealNewSecret, confirmSecretsCopied, replaceUnrevealedKey, type RevealedSecrets } from "./reveal-steps";
export { revealPhase, type RevealPhase } from "./reveal-rules";
export { verifyRotation, type VerifyResult } from "./verify-step";
export { setConsumerSwitched, confirmConsumersSwitched } from "./consumer-steps";
export { abandonRotation, type AbandonOptions } from "./abandon-step";
export {
  getRotation,
  openRotationFor,
  listRotations,
  rotationBelongsTo,
  type RotationDto,
  type RotationStepDto,
  type RotationSummary,
  type RotationKeyRef,
} from "./rotation-view";
export { RotationError } from "./rotation-store";
export { writeConsumerFile } from "./write-consumer-file";
export type { RotationPlan } from "./plan";
export type { Refusal, ConsumerItem } from "./rotation-data";
export * from "./states";
