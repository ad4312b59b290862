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
  /** `verify`: OKX answered for the key, but a --require/--forbid/--require-ip/--max-age/--entity did not hold. */
  verifyRequirement: 10,
  /** `verify`: the key is gone (50119 on the host that answered for it before, or no host knows it). */
  verifyGone: 11,
  /** `verify`: OKX refuses the key (wrong secret 50113, passphrase 50105, environment 50101, invalid 50111, frozen…). */
  verifyAuth: 12,
  /** `verify`: OKX could not be asked about the key (network, 5xx, rate limit, clock off): worth a retry. */
  verifyUnreachable: 13,
  /** `verify`: no KEYWARDEN_PASSPHRASE and no terminal to ask on: fails closed, never prompts, never passes. */
  verifyLocked: 14,
  /** `incident --execute`: keys are left to delete on okx.com (or OKX could not confirm them gone yet); run it again after. */
  incidentLeft: 15,
  /** Cancelled at a prompt (Ctrl-C), the shell's 128 + SIGINT. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
