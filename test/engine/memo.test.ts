// A memo kept on its key object (engine/memo.ts): found again on the same object only, invisible to copies, JSON and
// comparisons, and nothing kept (nor thrown) on an object that cannot take a property.
import * as assert from 'node:assert/strict';
import { keptOn } from '../../server/src/engine/memo';

describe('keptOn: a memo kept on its key object', () => {
  it('gives back what was set on the same object, nothing for another object or another memo', () => {
    const m = keptOn<object, number>('a');
    const other = keptOn<object, number>('a');
    const k = {};
    assert.equal(m.get(k), undefined);
    assert.equal(m.set(k, 7), 7);
    assert.equal(m.get(k), 7);
    assert.equal(m.get({}), undefined);
    assert.equal(other.get(k), undefined);
    m.set(k, 8);
    assert.equal(m.get(k), 8);
  });

  it('is not seen by keys, spreads, JSON or deep comparison', () => {
    const m = keptOn<{ x: number }, string>('b');
    const k = { x: 1 };
    m.set(k, 'kept');
    assert.deepEqual(
      Reflect.ownKeys(k).filter((p) => Object.getOwnPropertyDescriptor(k, p)?.enumerable),
      ['x'],
    );
    assert.deepStrictEqual({ ...k }, { x: 1 });
    assert.equal(JSON.stringify(k), '{"x":1}');
    assert.deepStrictEqual(k, { x: 1 });
    const arr = [1, 2];
    keptOn<number[], string>('c').set(arr, 'v');
    assert.deepStrictEqual(arr, [1, 2]);
  });

  it('keeps nothing on a frozen object, and does not throw', () => {
    const m = keptOn<object, number>('d');
    const k = Object.freeze({});
    assert.equal(m.set(k, 1), 1);
    assert.equal(m.get(k), undefined);
  });
});
