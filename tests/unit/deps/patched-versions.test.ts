// Issue #17 (Versions): fails when the INSTALLED next, react or react-dom (node_modules/*/package.json, not the
// ranges in package.json, which a lock file or a stale install can contradict) is older than the fix for
// CVE-2025-29927 (middleware bypass; proxy.ts is Keywarden's Host and Origin guard) or CVE-2025-55182 (React
// Server Components remote code execution; Keywarden's forms are server actions).
//
// Fixed versions, per release line (a release line newer than every one listed is taken as fixed):
// - CVE-2025-29927, next: 12.3.5, 13.5.9, 14.2.25, 15.2.3. Sources: Vercel's advisory GHSA-f82v-jwr5-mffw as
//   summarised at https://fastly.com/blog/cve-2025-29927-authorization-bypass-in-next-js and
//   https://www.securie.ai/vuln/cve-2025-29927.
// - CVE-2025-55182 ("React2Shell"), react / react-dom (react-server-dom-*, released in lockstep): 19.0.1, 19.1.2,
//   19.2.1 (affected: 19.0.0, 19.1.0, 19.1.1, 19.2.0; https://gooblr.com/insights/react-in-2026-the-vulnerabilities-
//   that-shook-the-web-and-why-its-still-safe). Next bundles its own copy (CVE-2025-66478): 15.0.5, 15.1.9, 15.2.6,
//   15.3.6, 15.4.8, 15.5.7, 16.0.7 (16.x: "upgrade to 16.0.7 or higher",
//   https://tyronneratcliff.com/page/23/ citing Vercel's advisory).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

const FIXED: Record<string, string[]> = {
  next: ["12.3.5", "13.5.9", "14.2.25", "15.0.5", "15.1.9", "15.2.6", "15.3.6", "15.4.8", "15.5.7", "16.0.7"],
  react: ["19.0.1", "19.1.2", "19.2.1"],
  "react-dom": ["19.0.1", "19.1.2", "19.2.1"],
};

type V = [number, number, number];
function parse(v: string): V {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) throw new Error(`not a version: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
const cmp = (a: V, b: V) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Fixed when at or above the fix of its own release line (the newest listed line at or below its major.minor, in
 * the same major). A major newer than every listed one counts as fixed; one older than every fix is not.
 * Pre-releases (16.1.0-canary.3) are judged by their numbers: conservative enough for a floor check.
 */
function isFixed(version: string, fixes: string[]): boolean {
  const v = parse(version);
  const lines = fixes.map(parse).sort(cmp);
  const newestMajor = lines[lines.length - 1][0];
  if (v[0] > newestMajor) return true;
  const line = lines.filter((f) => f[0] === v[0] && f[1] <= v[1]).pop();
  if (!line) return false;
  return line[1] < v[1] || cmp(v, line) >= 0;
}

function installed(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
}

describe("installed framework versions", () => {
  it.each(Object.keys(FIXED))("%s is at or above the fixed version of its release line", (name) => {
    const version = installed(name);
    expect(isFixed(version, FIXED[name]), `${name} ${version} is below the fix for its line (${FIXED[name].join(", ")})`).toBe(true);
  });

  it("react and react-dom are the same version (a mismatch means one of them was installed on its own)", () => {
    expect(installed("react-dom")).toBe(installed("react"));
  });
});

describe("the version rule", () => {
  it.each([
    ["15.2.2", false],
    ["15.2.3", false],
    ["15.2.6", true],
    ["15.5.6", false],
    ["15.5.7", true],
    ["16.0.6", false],
    ["16.0.7", true],
    ["16.4.6", true],
    ["14.2.24", false],
    ["14.2.25", true],
    ["11.1.4", false],
    ["17.0.0", true],
  ])("next %s fixed: %s", (v, fixed) => expect(isFixed(v as string, FIXED.next)).toBe(fixed));

  it.each([
    ["19.0.0", false],
    ["19.0.1", true],
    ["19.1.1", false],
    ["19.1.2", true],
    ["19.2.0", false],
    ["19.2.1", true],
    ["19.3.1", true],
  ])("react %s fixed: %s", (v, fixed) => expect(isFixed(v as string, FIXED.react)).toBe(fixed));
});
