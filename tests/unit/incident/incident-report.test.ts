// The Markdown report: what is left gets its steps, and a label from a person cannot break the table.
import { describe, expect, it } from "vitest";
import { incidentReportMarkdown } from "@/lib/incident/incident-report";
import { toIncidentDto } from "@/lib/incident/incident-view";
import type { IncidentItem } from "@/lib/incident/incident-data";

const item = (over: Partial<IncidentItem>): IncidentItem => ({
  keyId: "k",
  label: "bot",
  fingerprint: "a1b2…9f0e",
  demo: false,
  region: "global",
  subAcct: null,
  perm: ["read_only", "trade"],
  permSource: "check",
  via: "okx.com",
  masterKeyId: null,
  masterLabel: null,
  paths: [],
  status: "pending",
  ...over,
});

describe("incident report", () => {
  it("lists what is left with the okx.com steps, escapes table cells, and names the files", () => {
    const inc = toIncidentDto({
      id: "i1",
      consumerId: "x @ y",
      consumerName: "x @ y",
      consumerHost: "y",
      state: "revoking",
      data: {
        items: [
          item({
            keyId: "1",
            label: "evil | label\nnext",
            status: "gone",
            verifiedAt: "2026-12-06T10:00:00.000Z",
            evidence: { code: "50119", how: "its host answered 50119" },
          }),
          item({
            keyId: "2",
            label: "eea bot",
            region: "eea",
            paths: ["/srv/bot/.env"],
            last: { at: "2026-12-06T10:01:00.000Z", message: "The key still works" },
          }),
        ],
      },
      createdAt: new Date("2026-12-06T09:00:00Z"),
      confirmedAt: new Date("2026-12-06T09:30:00Z"),
      endedAt: null,
    });
    const md = incidentReportMarkdown(inc, new Date("2026-12-06T11:00:00Z"));
    expect(md).toContain("| 1 | evil \\| label next | a1b2…9f0e |");
    expect(md).toContain("Keys held: 2 · verified gone: 1 · left: 1");
    expect(md).toContain("### eea bot (a1b2…9f0e): waiting for you to delete it on okx.com");
    expect(md).toContain("Last attempt 2026-12-06 10:01:00 UTC: The key still works");
    expect(md).toContain("1. Sign in on my.okx.com, open Profile → API.");
    expect(md).toContain("- `/srv/bot/.env`");
    expect(md).toContain("- Confirmed (revocation started): 2026-12-06 09:30:00 UTC");
  });
});
