// Keywarden's domain words, each declared once with its parse and format functions. Pure: no server-only, no
// Prisma, no I/O, so components, the pure audit engine, the CLI and the server all import the same words.
export * from "./purpose";
export * from "./region";
export * from "./permission";
export * from "./check-outcome";
export * from "./consumer";
