import { describe, expect, it } from "vitest";
import { auditCsv, AUDIT_CSV_HEADER, auditMarkdown, buildAuditDocument, exportReport } from "@/lib/export";
import { makeReport, sampleReport, NOW } from "./report-fixture";

describe("buildAuditDocument", () => {
  const report = sampleReport();
  const doc = buildAuditDocument(report);

  it("has the documented top-level shape", () => {
    expect(Object.keys(doc).sort()).toEqual(["generatedAt", "keys", "posture", "version"]);
    expect(doc.generatedAt).toBe(NOW.toISOString());
    expect(doc.posture).toEqual({ score: report.vault.posture.score, grade: report.vault.posture.grade, counts: report.vault.posture.counts, unverified: 1 });
    expect(Object.keys(doc.posture.counts).sort()).toEqual(["critical", "high", "info", "low", "medium"]);
  });

  it("describes each key with the documented fields and types", () => {
    expect(doc.keys).toHaveLength(3);
    for (const k of doc.keys) {
      expect(k).toMatchObject({
        id: expect.any(String),
        label: expect.any(String),
        fingerprint: expect.stringMatching(/^.{4}….{4}$/),
        purpose: expect.stringMatching(/^(read|trade|withdraw)$/),
        demo: expect.any(Boolean),
        region: "global",
        perm: expect.any(Array),
        ip: expect.any(Array),
        ageDays: expect.any(Number),
        grade: expect.stringMatching(/^[A-F?]$/),
        ipBinding: expect.stringMatching(/^(bound|none|elsewhere|unknown)$/),
        verified: expect.any(Boolean),
      });
      // An unknown grade has no score: the findings so far are only a ceiling.
      expect(k.score === null).toBe(k.grade === "?");
      for (const f of k.findings) {
        expect(f).toMatchObject({ rule: expect.any(String), severity: expect.any(String), title: expect.any(String), fix: expect.any(Array) });
        expect(f.fix.length).toBeGreaterThan(0);
      }
    }
  });

  it("reports perm, ip, uid and lastCheck from the checks, and null/[] when never checked", () => {
    const [tax, tracker, fresh] = doc.keys;
    expect(tax.perm).toEqual(["read_only", "withdraw"]);
    expect(tax.uid).toBe("777");
    expect(tax.lastCheck).toMatchObject({ code: "0", message: "" });
    expect(tax.findings[0]).toMatchObject({ rule: "withdraw", severity: "critical" });
    expect(tax.grade).toBe("F");
    expect(tracker.ip).toEqual(["203.0.113.10"]);
    expect(fresh).toMatchObject({ perm: [], ip: [], uid: null, lastCheck: null });
  });

  it("matches the audit engine's counts", () => {
    const total = doc.keys.reduce((n, k) => n + k.findings.length, 0);
    expect(Object.values(doc.posture.counts).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it("never carries the API-key digest", () => {
    expect(JSON.stringify(doc)).not.toContain("SHOULD-NOT-LEAK");
  });
});

describe("auditCsv", () => {
  const report = sampleReport();
  const csv = auditCsv(report);
  const lines = csv.split("\r\n").filter(Boolean);

  it("writes one row per finding, and one row for a key without findings", () => {
    const doc = buildAuditDocument(report);
    const expected = doc.keys.reduce((n, k) => n + Math.max(1, k.findings.length), 0);
    expect(lines[0]).toBe(AUDIT_CSV_HEADER.join(","));
    // Labels hold commas and quotes, so count rows by record ends outside quotes: the fixture has no line breaks.
    expect(lines.length - 1).toBe(expected);
  });

  it("defuses the formula label and quotes the one with a comma", () => {
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""tax"")"`);
    expect(csv).not.toMatch(/(^|\r\n|,)=HYPERLINK/);
    expect(csv).toContain('"tracker, ""home"""');
    expect(csv).not.toContain("SHOULD-NOT-LEAK");
  });
});

describe("auditMarkdown", () => {
  const md = auditMarkdown(sampleReport());
  it("is dated, shows posture, counts, grades, findings with fix steps and fingerprints", () => {
    expect(md).toMatch(/^# Keywarden audit — 2026-06-01/);
    expect(md).toMatch(/\*\*Posture: \d+\/100 \(grade [A-F]\)\*\*/);
    expect(md).toContain("| critical | 1 |");
    expect(md).toContain("`aaaa…4444`");
    expect(md).toMatch(/\*\*CRITICAL\*\* Withdraw/);
    expect(md).toMatch(/Fix 1: /);
    expect(md).not.toContain("SHOULD-NOT-LEAK");
  });
  it("escapes Markdown in user text so a label cannot break the table or inject links", () => {
    const odd = auditMarkdown(
      makeReport([{ id: "dddd0000-1111-2222-3333-777777777777", label: "a|b *x* [y](http://e)\nz", purpose: "read", createdDaysAgo: 1, checks: [] }]),
    );
    expect(odd).toContain("a\\|b \\*x\\* \\[y\\](http://e) z");
    expect(odd).not.toContain("[y](");
  });
});

describe("exportReport", () => {
  it("names the file by date and sets the content type per format", () => {
    const r = sampleReport();
    expect(exportReport(r, "json")).toMatchObject({ filename: "keywarden-audit-2026-06-01.json", contentType: expect.stringMatching(/^application\/json/) });
    expect(exportReport(r, "csv").contentType).toMatch(/^text\/csv/);
    expect(exportReport(r, "md").filename).toBe("keywarden-audit-2026-06-01.md");
    expect(JSON.parse(exportReport(r, "json").body)).toEqual(JSON.parse(JSON.stringify(buildAuditDocument(r))));
  });
});
