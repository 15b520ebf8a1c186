/**
 * A read-only view of a value, all the way down: what a function may look at but not change.
 * The order book hands these out for scans, so that the type checker, not a convention, makes sure
 * a scan changes nothing the book would have to save.
 */
// Homomorphic over arrays and tuples too: `[number, number][]` becomes `readonly (readonly [number, number])[]`.
export type Frozen<T> = T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;
