import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/lib/export/csv";

// A strict RFC 4180 reader, to prove what csvCell writes reads back as the same cells.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        cell += ch;
        i++;
      }
    } else if (ch === '"') {
      quoted = true;
      i++;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
      i++;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 2;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== "" || row.length) throw new Error("CSV must end with CRLF");
  return rows;
}

describe("csvCell", () => {
  it("leaves plain text alone and quotes commas, quotes, line breaks and padding", () => {
    expect(csvCell("grid bot")).toBe("grid bot");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(false)).toBe("false");
  });

  it("defuses spreadsheet formulas in text cells starting with = + - @ tab or CR", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("+49 30")).toBe("'+49 30");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
    // Numbers are numbers: a negative count is not a formula.
    expect(csvCell(-5)).toBe("-5");
    // Only the first character matters.
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("round-trips any text through a strict RFC 4180 reader, a formula-like cell coming back with its guard", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "grapheme-composite" }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0].length;
        const even = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
        const parsed = parseCsv(toCsv(even[0], even.slice(1)));
        // The expectation is built from the input, not by stripping the output: a cell that already starts
        // with an apostrophe (e.g. "'+") must come back unchanged, not lose its apostrophe.
        const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
        expect(parsed).toEqual(even.map((r) => r.map(guarded)));
        // No parsed cell can start a formula.
        for (const r of parsed) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 300 },
    );
  });
});
