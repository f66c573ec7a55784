// What both in-editor suites (the development extension, the installed package) share.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Mocha = require('mocha');

export { waitFor } from './helpers';

/** A mocha instance whose `describe`/`it` are the globals while `define` runs; resolves when its tests pass. */
export function runMocha(name: string, define: () => void): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, name, mocha);
  define();
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
