// Lets lib modules that import "server-only" load under Vitest.
export {};
