// GitHub code scanning's primaryLocationLineHash, computed as GitHub computes it (server/src/cli/lineHash.ts):
// the expected values are the vectors GitHub publishes with its implementation (github/codeql-action,
// src/fingerprints.test.ts), so a SARIF upload finds our value equal to its own.
import * as assert from 'node:assert/strict';
import { lineHashes } from '../../server/src/cli/lineHash';

describe('SARIF: GitHub line hashes', () => {
  const cases: [string, string, string[]][] = [
    ['an empty file: one line', '', ['c129715d7a2bc9a3:1']],
    [
      'spaces and tabs left out',
      ' a\nb\n  \t\tc\n d',
      ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1'],
    ],
    ...(['\n', '\r', '\r\n'] as const).map((eol): [string, string, string[]] => [
      `line breaks ${JSON.stringify(eol)} read as one`,
      ` hello; \t${eol}world!!!${eol}${eol}${eol}  \t\tGreetings${eol} End${eol}`,
      [
        'e9496ae3ebfced30:1',
        'fb7c023a8b9ccb3f:1',
        'ce8ba1a563dcdaca:1',
        'e20e36e16fcb0cc8:1',
        'b3edc88f2938467e:1',
        'c8e28b0b4002a3a0:1',
        'c129715d7a2bc9a3:1',
      ],
    ]),
    [
      'the same window counted (:2, :3...), a window that runs into the end of the file',
      'Lorem ipsum dolor sit amet.\n'.repeat(10),
      [
        'a7f2ff13bc495cf2:1',
        'a7f2ff13bc495cf2:2',
        'a7f2ff13bc495cf2:3',
        'a7f2ff13bc495cf2:4',
        'a7f2ff13bc495cf2:5',
        'a7f2ff13bc495cf2:6',
        'a7f2ff1481e87703:1',
        'a9cf91f7bbf1862b:1',
        '55ec222b86bcae53:1',
        'cc97dc7b1d7d8f7b:1',
        'c129715d7a2bc9a3:1',
      ],
    ],
  ];
  for (const [name, text, expected] of cases)
    it(name, () => {
      assert.deepEqual(lineHashes(text), expected);
    });
});
