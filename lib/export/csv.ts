// CSV per RFC 4180 (comma, CRLF, quotes doubled), with a guard against spreadsheet formula injection: a cell
// that starts with = + - @ (or a tab / carriage return, which some spreadsheets strip first) gets a leading
// apostrophe so Excel, LibreOffice and Sheets show it as text instead of running it. Labels and OKX messages
// are user- or server-controlled, so every cell goes through this.
import { printable } from "./printable";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  // Line breaks and tabs are CSV's to quote; other control characters (ESC, BEL, NUL) are shown as text.
  let s = typeof value === "string" ? printable(value, ["\n", "\r", "\t"]) : String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return [csvRow(header), ...rows.map(csvRow)].map((l) => `${l}\r\n`).join("");
}
