/** Applies pending migrations from prisma/migrations, or from migrationsDir when given (tests). */
export function migrate(opts?: { quiet?: boolean; migrationsDir?: string; dataDir?: string }): void;
/** True when the file exists and has finished every migration in dir (default prisma/migrations). */
export function isCurrent(file: string, dir?: string): boolean;
