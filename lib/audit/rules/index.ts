import { ageRule } from "./age";
import { boundElsewhereRule } from "./bound-elsewhere";
import type { Rule } from "./context";
import { deletionRule } from "./deletion";
import { driftRule } from "./drift";
import { authErrorRule, deadKeyRule } from "./errors";
import { fileInGitRule, fileReadableRule } from "./files";
import { frozenRule } from "./frozen";
import { excessPermissionRule, masterKeyBotRule, noIpRule, withdrawRule } from "./permissions";
import { sharedKeyRule } from "./shared";
import { staleCheckRule } from "./stale";
import { unmanagedRule } from "./unmanaged";
import type { RuleId } from "../types";

export const RULES: Readonly<Record<RuleId, Rule>> = {
  age: ageRule,
  withdraw: withdrawRule,
  "excess-permission": excessPermissionRule,
  "no-ip": noIpRule,
  "okx-14-day-deletion": deletionRule,
  "dead-key": deadKeyRule,
  "auth-error": authErrorRule,
  drift: driftRule,
  "stale-check": staleCheckRule,
  "shared-key": sharedKeyRule,
  "master-key-bot": masterKeyBotRule,
  frozen: frozenRule,
  "bound-elsewhere": boundElsewhereRule,
  "file-readable": fileReadableRule,
  "file-in-git": fileInGitRule,
  unmanaged: unmanagedRule,
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];
