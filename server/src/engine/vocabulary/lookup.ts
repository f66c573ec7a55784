// Tables looked up by words from the repository (program names, flags, variable names, mount options). A plain
// object literal answers `constructor`, `toString` or `__proto__` with what every object inherits: a Dockerfile's
// `RUN constructor install x` made three rules throw, `RUN toString=1 ...` was "verification turned off". A table
// made here has no prototype: a word it does not list is undefined.

/** `entries` as a lookup table with no prototype (see above); its type is unchanged. */
export function lookupTable<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
