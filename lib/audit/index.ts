// Public API of the audit engine. Pure functions only: safe for pages, the CLI, exports and benchmarks.
export type * from "./types";
export { DEFAULT_POLICY, policySchema, policyOrDefault } from "./policy";
export { SEVERITIES, severityRank, compareFindings } from "./severity";
export { requiredPerms, excessPerms, missingPerms } from "./perms";
export { SEVERITY_PENALTY, GRADE_BANDS, gradeFindings, gradeForScore, gradeFromCounts } from "./grade";
export { auditKey, auditVault, findDuplicateDigests, TOP_FINDINGS_LIMIT, UNVERIFIED_SCORE_CAP } from "./engine";
export { describeIpBinding, IP_BINDING_WORDS } from "./ip-binding";
export { RULE_IDS } from "./rules";
export { okxWebHost } from "./okx-links";
export {
  FINDING_GROUPINGS,
  RULE_NAMES,
  findingsView,
  findingsHref,
  FINDINGS_PER_PAGE,
  KEY_GROUPS_PER_PAGE,
  RULE_PREVIEW,
  parseFindingsQuery,
  type FindingGrouping,
  type FindingGroup,
  type FindingsQuery,
  type FindingsView,
} from "./finding-groups";
export { goneProof, provesExistence, sameOrigin, KEY_DOES_NOT_EXIST, type GoneProof } from "./gone";
