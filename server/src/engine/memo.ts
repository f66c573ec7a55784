// A result memoised on the object it was computed from, for what one lint computes once and several rules ask for.

/** A memo of values by object, each value kept on its object (see `keptOn`). */
export interface Memo<K extends object, V> {
  get(key: K): V | undefined;
  /** Keeps `value` for `key` (nothing is kept on an object that cannot take a property: it is computed again). */
  set(key: K, value: V): V;
}

/**
 * A memo whose values live on their keys, under a symbol of this memo's own, not in a module-level WeakMap. A
 * long-lived WeakMap keeps the values of its young keys alive through V8's young-generation collections, so each
 * lint's models were promoted to the old generation and died there: measured on 200 lints of one Dockerfile, 19 MB
 * of promoted garbage with the WeakMaps against 3.7 MB without, and the scavenges that promoted it were most of
 * the garbage collection. The value is non-enumerable: copies, JSON and comparisons of the key do not see it.
 */
export function keptOn<K extends object, V>(what: string): Memo<K, V> {
  const slot = Symbol(what);
  return {
    get: (key) => (key as { [slot]?: V })[slot],
    set(key, value) {
      if (Object.isExtensible(key)) Object.defineProperty(key, slot, { value, configurable: true, writable: true });
      return value;
    },
  };
}
