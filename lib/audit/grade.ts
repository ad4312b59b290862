// Grading scheme (documented for the UI):
//   F  any critical finding
//   D  any high finding
//   C  two or more medium findings
//   B  one medium finding, or any low finding
//   A  only info findings, or none
// The score (0–100) is 100 minus a penalty per finding (critical 50, high 25, medium 10, low 3, info 0),
// clamped into the grade's band, so score and grade never disagree and both only get worse as findings
// are added or become more severe.
// A key OKX never verified gets "?" instead (engine.ts): its findings so far only bound it from above.
import { SEVERITIES } from "./severity";
import type { Finding, LetterGrade, SeverityCounts } from "./types";

export const SEVERITY_PENALTY: Readonly<SeverityCounts> = { critical: 50, high: 25, medium: 10, low: 3, info: 0 };

export const GRADE_BANDS: Readonly<Record<LetterGrade, readonly [min: number, max: number]>> = {
  A: [90, 100],
  B: [75, 89],
  C: [60, 74],
  D: [40, 59],
  F: [0, 39],
};

export function countBySeverity(findings: readonly Finding[], into?: SeverityCounts): SeverityCounts {
  const counts = into ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function gradeFromCounts(c: SeverityCounts): LetterGrade {
  if (c.critical > 0) return "F";
  if (c.high > 0) return "D";
  if (c.medium >= 2) return "C";
  if (c.medium === 1 || c.low > 0) return "B";
  return "A";
}

export function gradeForScore(score: number): LetterGrade {
  for (const g of ["A", "B", "C", "D"] as const) if (score >= GRADE_BANDS[g][0]) return g;
  return "F";
}

export function gradeFindings(findings: readonly Finding[]): { grade: LetterGrade; score: number } {
  const counts = countBySeverity(findings);
  const grade = gradeFromCounts(counts);
  let penalty = 0;
  for (const s of SEVERITIES) penalty += counts[s] * SEVERITY_PENALTY[s];
  const [min, max] = GRADE_BANDS[grade];
  return { grade, score: Math.min(max, Math.max(min, 100 - penalty)) };
}
