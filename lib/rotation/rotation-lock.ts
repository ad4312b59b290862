import "server-only";
// One OKX write sequence per rotation at a time. Two tabs, or a Retry clicked while the first create is still
// waiting on OKX, would otherwise both list the sub-account's keys, both see nothing, and both create a key: one
// of them with a secret nobody ever sees. Rotations run only in the dashboard's server process, so an
// in-process queue is enough; the second caller waits and then finds the step already done.
const g = globalThis as unknown as { keywardenRotationLocks?: Map<string, Promise<unknown>> };
const tails = (g.keywardenRotationLocks ??= new Map());

export async function oneAtATime<T>(rotationId: string, work: () => Promise<T>): Promise<T> {
  const before = tails.get(rotationId) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(work);
  const tail = run.catch(() => undefined);
  tails.set(rotationId, tail);
  try {
    return await run;
  } finally {
    if (tails.get(rotationId) === tail) tails.delete(rotationId);
  }
}
