// What both in-editor suites (the development extension, the installed package) share.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Mocha = require('mocha');

/** Polls until `fn` gives a value (the extension works asynchronously); throws after `ms`. */
export async function waitFor<T>(what: string, fn: () => T | undefined | false, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
