export function dataDir(): string;
export function databaseFile(): string;
export function databaseUrl(): string;
export function ensureDataDir(): string;
