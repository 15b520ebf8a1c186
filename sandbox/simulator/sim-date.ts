import vm from 'node:vm';

/**
 * Replaces the context's Date with a wrapper of the context's own Date, so that
 * `new Date()` / `Date()` / `Date.now()` read the simulated clock while
 * `new Date(x)`, `Date.parse`, `Date.UTC` and `instanceof Date` behave as usual.
 */
export function installSimDate(context: vm.Context, now: () => number): void {
  context.__simNow = now;
  vm.runInContext(
    `(function () {
  'use strict';
  var RealDate = Date;
  var simNow = globalThis.__simNow;
  delete globalThis.__simNow;
  function SimDate() {
    if (!new.target) return new RealDate(simNow()).toString();
    var args = Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args.length === 0 ? [simNow()] : args, new.target);
  }
  Object.defineProperty(SimDate, 'length', { value: 7 });
  Object.defineProperty(SimDate, 'name', { value: 'Date' });
  SimDate.prototype = RealDate.prototype;
  SimDate.now = function now() { return simNow(); };
  SimDate.parse = RealDate.parse;
  SimDate.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: SimDate, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(globalThis, 'Date', { value: SimDate, writable: true, configurable: true, enumerable: false });
})();`,
    context,
    { filename: 'sim-date.js' },
  );
}
