/**
 * n8n's verification scan, offline: the lint step of @n8n/scan-community-package run on
 * (1) the repository's source as the scanner reads it from GitHub and (2) the packed
 * tarball as npm would publish it. Inline eslint-disable comments are ignored, as in the
 * real scan. The provenance step needs a published version and is not run here.
 * Usage: npm run build && node scripts/scan-package.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workDir = mkdtempSync(join(tmpdir(), 'fotor-scan-'));
let failed = false;

async function check(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	console.log(`${result.passed ? 'PASS' : 'FAIL'} ${label}${result.message ? `: ${result.message}` : ''}`);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}

/** The tarball holds only what n8n loads (compiled nodes, codex JSON, icons, credentials) and the docs. */
const SHIPPED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^dist\/nodes\/.+\.(js|json)$/, /^dist\/credentials\/.+\.js$/, /^dist\/icons\/.+\.svg$/];
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/nodes/Fotor/Fotor.node.js', 'dist/nodes/Fotor/Fotor.node.json', 'dist/nodes/FotorTrigger/FotorTrigger.node.js', 'dist/credentials/FotorApi.credentials.js', 'dist/icons/fotor.svg', 'dist/icons/fotor.dark.svg'];

function listFiles(dir, prefix = '') {
	return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? listFiles(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
	);
}

function checkTarballFiles(dir) {
	const files = listFiles(dir);
	const unexpected = files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)));
	const missing = REQUIRED.filter((file) => !files.includes(file));
	const ok = unexpected.length === 0 && missing.length === 0;
	console.log(`${ok ? 'PASS' : 'FAIL'} tarball file list (${files.length} files)${unexpected.length ? `; not for n8n: ${unexpected.join(', ')}` : ''}${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
	if (!ok) failed = true;
}

try {
	await check('source (package.json, nodes/, credentials/)', root, SOURCE_FILE_PATTERNS);
	execFileSync('npm', ['pack', '--silent', '--pack-destination', workDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(workDir).find((file) => file.endsWith('.tgz'));
	execFileSync('tar', ['xzf', tarball], { cwd: workDir });
	await check(`packed tarball ${tarball}`, join(workDir, 'package'), ['**/*.js', 'package.json']);
	checkTarballFiles(join(workDir, 'package'));
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
