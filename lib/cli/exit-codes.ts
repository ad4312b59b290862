// Exit statuses of `keywarden` (documented in the README section, tests/demo/README-cli-section.md).
export const EXIT = {
  /** Done; for `audit`, no finding at or above --fail-on. */
  ok: 0,
  /** `audit`: at least one finding at or above --fail-on. */
  findings: 1,
  /** Could not run: usage, bad input, no vault, locked / wrong passphrase / backoff, refused backup, internal. */
  failed: 2,
  /** `check`: OKX could not be reached (network error or rate limit) for at least one key. Results are stored. */
  okxUnreachable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
