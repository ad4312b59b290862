// Exit statuses of `keywarden` (documented in README.md, "Command line" → "Exit status").
export const EXIT = {
  /** Done; for `audit`, no finding at or above --fail-on. */
  ok: 0,
  /** `audit`: at least one finding at or above --fail-on. */
  findings: 1,
  /** Could not run: usage, bad input, no vault, locked / wrong passphrase / backoff, refused backup, internal. */
  failed: 2,
  /** `check`: OKX could not be reached (network error or rate limit) for at least one key. Results are stored. */
  okxUnreachable: 3,
  /** Cancelled at a prompt (Ctrl-C), the shell's 128 + SIGINT. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
