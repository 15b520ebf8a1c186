import { describe, expect, it } from 'vitest';
import { createClock } from '../../../sandbox/clock';
import { createSimulator } from '../../../sandbox/simulator/index';

describe('PropertiesService', () => {
  const src = `
    function set(k, v) { PropertiesService.getScriptProperties().setProperty(k, v); }
    function get(k) { return PropertiesService.getScriptProperties().getProperty(k); }
    function setMany(o, del) { PropertiesService.getUserProperties().setProperties(o, del); return PropertiesService.getUserProperties().getProperties(); }
    function docs() { var d = PropertiesService.getDocumentProperties(); d.setProperty('a', 1).setProperty('b', true); d.deleteProperty('a'); return d.getKeys(); }`;

  it('stores strings and supports the store API', () => {
    const sim = createSimulator();
    sim.loadSource(src);
    sim.call('set', 'n', 42);
    expect(sim.call('get', 'n')).toBe('42');
    expect(sim.call('get', 'missing')).toBeNull();
    expect(sim.call('setMany', { x: 1, y: 'z' })).toEqual({ x: '1', y: 'z' });
    expect(sim.call('setMany', { q: 'r' }, true)).toEqual({ q: 'r' });
    expect(sim.call('docs')).toEqual(['b']);
    expect(sim.properties.document.getProperties()).toEqual({ b: 'true' });
    sim.properties.script.setProperty('host', 'side');
    expect(sim.call('get', 'host')).toBe('side');
  });

  it('enforces 9 KB per value and 500 KB per store', () => {
    const sim = createSimulator();
    sim.loadSource(src);
    expect(() => sim.call('set', 'k', 'x'.repeat(9216))).not.toThrow();
    expect(() => sim.call('set', 'k', 'x'.repeat(9217))).toThrow('Exception: Argument too large: value');
    expect(() => sim.call('set', 'k', 'é'.repeat(4609))).toThrow('Exception: Argument too large: value'); // UTF-8 bytes
    for (let i = 0; i < 55; i++) sim.properties.script.setProperty(`key${i}`, 'x'.repeat(9000));
    expect(() => sim.call('set', 'one-more', 'x'.repeat(9000))).toThrow(
      'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(sim.properties.script.getProperty('one-more')).toBeNull();
  });
});

describe('CacheService', () => {
  it('expires entries by the clock, clamps ttl to 6 h, enforces sizes', () => {
    const clock = createClock();
    const sim = createSimulator({ clock });
    sim.loadSource(`
      function put(k, v, ttl) { CacheService.getScriptCache().put(k, v, ttl); }
      function get(k) { return CacheService.getScriptCache().get(k); }
      function all(keys) { return CacheService.getScriptCache().getAll(keys); }
      function many(o) { var c = CacheService.getScriptCache(); c.putAll(o); c.remove('gone'); }`);
    sim.call('put', 'a', 'x');
    sim.call('put', 'b', 'y', 99_999);
    sim.call('many', { c: 1, gone: 2 });
    expect(sim.call('all', ['a', 'b', 'c', 'gone'])).toEqual({ a: 'x', b: 'y', c: '1' });
    clock.advance(600_000);
    expect(sim.call('get', 'a')).toBeNull();
    expect(sim.call('get', 'b')).toBe('y');
    clock.advance(21_600_000 - 600_000);
    expect(sim.call('get', 'b')).toBeNull();
    expect(() => sim.call('put', 'big', 'x'.repeat(100 * 1024 + 1))).toThrow('Exception: Argument too large: value');
    expect(() => sim.call('put', 'k'.repeat(251), 'v')).toThrow('Exception: Argument too large: key');
    expect(sim.cache.script.get('c')).toBeNull();
  });
});
