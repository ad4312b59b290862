// An SQL string literal for a file path (VACUUM INTO takes no bound parameters in Prisma's raw API).
// Single quotes are doubled; a NUL byte would truncate the path inside SQLite, so it is refused.
export function sqlString(value: string): string {
  if (value.includes("\0")) throw new Error("path contains a NUL byte");
  return `'${value.replace(/'/g, "''")}'`;
}
