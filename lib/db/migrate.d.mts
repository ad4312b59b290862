/** Applies pending migrations from prisma/migrations, or from migrationsDir when given (tests). */
export function migrate(opts?: { quiet?: boolean; migrationsDir?: string }): void;
