export function migrate(opts?: { quiet?: boolean }): void;
