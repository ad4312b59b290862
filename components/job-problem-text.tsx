import { UnlockLink } from "./unlock-link";
import type { JobProblem } from "./use-polled-job";

/** A background job's problem in red, with the way back through /unlock when the vault locked itself. */
export function JobProblemText({ problem }: { problem: JobProblem | null }) {
  if (!problem) return null;
  return (
    <p className="text-red-700 dark:text-red-400">
      {problem.message}
      {problem.locked && (
        <>
          {" "}
          <UnlockLink />
        </>
      )}
    </p>
  );
}
