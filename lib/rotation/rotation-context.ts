import "server-only";
// What every rotation step shares: who acts, which OKX client it talks through, the state guard, and how a failed
// step is noted on the rotation. Step files import this (downward), never each other's entry points.
import type { Actor } from "@/lib/event-log/record";
import type { OkxClient } from "@/lib/okx/client";
import { defaultOkxClient } from "@/lib/okx/default-client";
import type { OkxError } from "@/lib/okx/errors";
import { commit, RotationError, type FailingRotationStep, type LoadedRotation } from "./rotation-store";

export interface RotationOptions {
  actor?: Actor;
  /** Defaults to the process-wide OKX client (shared rate limiter). */
  client?: OkxClient;
}

/** The client a step talks through: the caller's, or the process-wide one so rate-limit windows are shared. */
export function okxClient(opts: RotationOptions): OkxClient {
  return opts.client ?? defaultOkxClient();
}

export function requireState(rot: LoadedRotation, ...states: LoadedRotation["state"][]): void {
  if (!states.includes(rot.state)) {
    throw new RotationError(
      `This step is not possible now: the rotation is at “${rot.state.replace(/_/g, " ")}”. Reload the page to see where it stands.`,
      "rotation-illegal",
    );
  }
}

export function okxFailure(step: string, e: OkxError): RotationError {
  return new RotationError(`${step} failed: OKX ${e.code ? `error ${e.code}` : e.kind}: ${e.advice} You can retry this step.`, `okx-${e.code || e.kind}`);
}

/** Notes a failed step on the rotation (the wizard shows it) without moving its state. */
export async function recordError(rot: LoadedRotation, step: FailingRotationStep, message: string, opts: RotationOptions): Promise<void> {
  try {
    await commit(rot, {
      to: rot.state,
      step: `${step}-failed`,
      actor: opts.actor,
      data: (d) => ({ ...d, lastError: { at: new Date().toISOString(), step, message } }),
      detail: { message },
    });
  } catch {
    // The failure is still reported to the user; a lost note about it is not worth hiding that.
  }
}
