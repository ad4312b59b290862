/** A type guard for one of a list's words: stored or typed text is only a string until it is checked. */
export function isOneOf<T extends string>(words: readonly T[]): (value: unknown) => value is T {
  return (value: unknown): value is T => typeof value === "string" && (words as readonly string[]).includes(value);
}
