// Control characters shown as text. Labels, notes and consumers come from people (and from older databases or
// restored files written before the schema refused them): printed raw, ESC sequences clear a terminal or retitle
// its window, BEL rings, backspace hides what came before. Pure, for the CLI and every export.
// Line breaks and tabs are kept where a format has its own way of handling them (`keep`).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function printable(s: string, keep: readonly string[] = []): string {
  return s.replace(CONTROL, (c) => (keep.includes(c) ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}

/** Terminal output: everything but the line breaks the output itself is made of. */
export function terminalText(s: string): string {
  return printable(s, ["\n"]);
}
