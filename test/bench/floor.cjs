// The floor of a one-thread CLI run (bench section 1): a process that walks a folder, reads every Compose file and
// Dockerfile in it and parses each with the parser the engine uses, and nothing else. Prints the files it parsed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parseDocument } = require('yaml');
const { DockerfileParser } = require('dockerfile-ast');

let n = 0;
function visit(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) visit(p);
    else if (/^(docker-)?compose.*\.ya?ml$/.test(e.name)) (n++, parseDocument(fs.readFileSync(p, 'utf8')));
    else if (/^Dockerfile/.test(e.name)) (n++, DockerfileParser.parse(fs.readFileSync(p, 'utf8')));
  }
}
visit(process.argv[2]);
process.stdout.write(`${n}\n`);
