/**
 * `n8n-node build` already copies icons, so gulp's job here is the documentation:
 * `gulp docs` regenerates README.md's operation and trigger tables from the node
 * descriptions, and `gulp docs:check` fails when README.md is out of date (run in CI).
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

require('tsx/cjs');
const { renderReadme } = require('./scripts/docs/referenceTables.ts');

const README = join(__dirname, 'README.md');

async function docs() {
	writeFileSync(README, renderReadme(readFileSync(README, 'utf8')));
}
docs.description = 'Regenerate the README tables from the node descriptions';

async function docsCheck() {
	const current = readFileSync(README, 'utf8');
	if (renderReadme(current) !== current) {
		throw new Error('README.md is out of date: run `npm run docs` and commit the result.');
	}
}
docsCheck.description = 'Fail when the README tables differ from the node descriptions';

exports.docs = docs;
exports['docs:check'] = docsCheck;
exports.default = docs;
