/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { progress } from './log';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Builds and packs the package exactly as npm would publish it; returns the tarball path. */
export function buildAndPack(): string {
	progress('building the package (n8n-node build) and packing it (npm pack)');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const dir = mkdtempSync(join(tmpdir(), 'fotor-pack-'));
	process.on('exit', () => rmSync(dir, { recursive: true, force: true })); // the tarball lives as long as the run
	execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	return join(dir, tarball);
}

/** Installs the tarball the way n8n installs community packages: ~/.n8n/nodes/node_modules/<name>. */
export function installInto(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', 'n8n-nodes-fotor');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-fotor': 'file:' } }));
}
