// Shared by the generated-bad-input tests: how many cases, which seed, and the hostile values themselves.
// `npm test` runs a few hundred cases per property so CI stays fast; `npm run test:fuzz` sets FUZZ_RUNS (≥ 1,000).
// The seed is fixed unless FUZZ_SEED is set, so a failure replays; fast-check prints seed and path when one fails.
import fc from "fast-check";

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261206);

/** Cases per property: FUZZ_RUNS when set (test:fuzz), otherwise the small CI number given. */
export function fuzzRuns(ciRuns: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : ciRuns;
}

/** fc.assert options: seeded, with the seed and the shrunk counterexample in the failure message. */
export function fuzzOptions(ciRuns: number, extra: Partial<fc.Parameters<unknown>> = {}): fc.Parameters<unknown> {
  return { numRuns: fuzzRuns(ciRuns), seed: FUZZ_SEED, verbose: 1, endOnFailure: false, ...extra };
}

const MB = 1 << 20;

/** Strings nobody types by hand. Big ones are constants (generating a megabyte char by char is slow). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 300 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u0000",
      "label\u0000with-nul",
      "\u202eevil\u202c",
      "\u200f\u05e9\u05dc\u05d5\u05dd RTL",
      "\u001b[31mred\u001b[0m",
      "\r\n",
      "\uFEFF",
      "\ud800",
      "'; DROP TABLE ApiKey; --",
      '" OR 1=1 --',
      "1; DELETE FROM Vault",
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "javascript:alert(1)",
      "{{7*7}}${7*7}",
      "__proto__",
      "constructor",
      "prototype",
      "../../../../etc/passwd",
      "/etc/passwd",
      "%00%2e%2e%2f",
      "NaN",
      "-1",
      "1e309",
      "0x10",
      "9".repeat(400),
      "on",
      "unknown",
      "2026-02-30",
      "9999-12-31",
      "https://evil.example",
      "https://okx.com.evil.example",
      "https://user:pw@www.okx.com",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("a".repeat(MB), "é".repeat(MB / 2), "\u0000".repeat(64 * 1024), "x".repeat(65)) },
);

/** Anything JSON or a buggy client could send where a string is expected. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -1, 1.5, NaN, Infinity, [], {}, [""]),
  fc.integer(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("__proto__", "constructor", "toString", "valueOf", "a"), fc.string({ maxLength: 5 }), { maxKeys: 3, noNullPrototype: true }),
);

/** JSON as a hostile client writes it: `__proto__` and `constructor` as own keys (React's encoder drops them, so
 * over HTTP these go out as raw JSON bodies; see tests/integration/fuzz). */
export const protoJson: fc.Arbitrary<unknown> = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"label": "x", "__proto__": {"isAdmin": true}}'),
);

export const anyValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType });

/** Nothing leaked onto Object.prototype (a parse that merged `__proto__` would put it there). */
export function prototypeClean(): boolean {
  return !("polluted" in ({} as Record<string, unknown>)) && Object.keys(Object.prototype).length === 0;
}
