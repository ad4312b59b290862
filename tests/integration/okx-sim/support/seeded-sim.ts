// One simulator on the test seed for a whole file, started before its tests and closed after them.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startOkxSim, type OkxSim } from "@/tests/okx-sim";
import { testSeed } from "./fixtures";

interface BetweenTests {
  /** Clear injected faults. */
  faults?: boolean;
  /** Move the simulator's clock on by this much, past the rate-limit windows the last test filled. */
  advanceMs?: number;
  /** Forget the recorded calls, so counts start at zero. */
  calls?: boolean;
}

/**
 * Starts the simulator before the file's tests and hands it to `use` (the file keeps it in its own variable);
 * before each test it resets what `between` names, so the tests stay independent of their order.
 */
export function seededSim(use: (sim: OkxSim) => void, between: BetweenTests = {}) {
  let sim: OkxSim;
  beforeAll(async () => {
    sim = await startOkxSim({ seed: testSeed() });
    use(sim);
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    if (between.faults) sim.faults.reset();
    if (between.advanceMs) sim.clock.advance(between.advanceMs);
    if (between.calls) sim.resetCalls();
  });
}
