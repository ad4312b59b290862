import "server-only";
// Public surface of lib/rotation: start a rotation, move it step by step, read it for the wizard.
export { startRotation, previewPlan, automatedBlocker, preferredMode, type RotationOptions, type StartResult } from "./start-rotation";
export { enterNewKey, replaceNewKey, confirmOldKeyRevoked, reconcilePendingKey, GONE_CODES, type NewKeySecretsInput, type RevokeResult } from "./guided-steps";
export { createNewKey, revealNewSecret, deleteOldKey, parseIpList, type CreateResult, type RevealedSecrets, type DeleteOldResult } from "./automated-steps";
export { confirmSecretsCopied, replaceUnrevealedKey } from "./reveal-steps";
export { revealPhase, type RevealPhase } from "./reveal-rules";
export { verifyRotation, setConsumerSwitched, confirmConsumersSwitched, abandonRotation, type VerifyResult, type AbandonOptions } from "./shared-steps";
export { getRotation, openRotationFor, listRotations, rotationBelongsTo, type RotationDto, type RotationStepDto, type RotationSummary, type RotationKeyRef } from "./rotation-view";
export { RotationError } from "./rotation-store";
export { writeConsumerFile } from "./write-consumer-file";
export type { RotationPlan } from "./plan";
export type { Refusal, ConsumerItem } from "./rotation-data";
export * from "./states";
