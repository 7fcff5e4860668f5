/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { startSimulator } from '../simulator';
import { progress } from './lib/log';
import { OWNER, startN8n } from './lib/n8n';
import { buildAndPack, REPO_ROOT } from './lib/pack';
import { ensureN8n, N8N_VERSIONS } from './lib/runtime';

/**
 * Refreshes the README screenshot: the Fotor node open in a real n8n editor, taken with
 * Debian's headless Chromium (`apt-get install chromium`). `npx tsx test/e2e/screenshot.ts`
 * JPEG, not PNG: n8n-node build copies every PNG/SVG in the repository into dist/.
 */
async function main() {
	const target = join(REPO_ROOT, 'docs', 'images', 'fotor-node.jpg');
	mkdirSync(join(REPO_ROOT, 'docs', 'images'), { recursive: true });
	const sim = await startSimulator();
	const n8n = await startN8n(ensureN8n(N8N_VERSIONS.v2), buildAndPack());
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const credential = await n8n.api<{ id: string; name: string }>('POST', '/credentials', {
			name: 'Fotor API',
			type: 'fotorApi',
			data: { apiKey: 'sim-test-key', environment: 'custom', customBaseUrl: sim.url, storageBaseUrl: sim.storageBaseUrl },
		});
		const fotor = {
			id: 'fotor',
			name: 'Upscale product photo',
			type: 'n8n-nodes-fotor.fotor',
			typeVersion: 1,
			position: [260, 0],
			parameters: { resource: 'image', operation: 'upscale', imageSource: 'binary', imageBinaryProperty: 'data', upscaleFactor: 4, options: { parallelTasks: 5, returnMode: 'both' } },
			credentials: { fotorApi: { id: credential.id, name: credential.name } },
		};
		const workflow = await n8n.api<{ id: string }>('POST', '/workflows', {
			name: 'Fotor: upscale product photos',
			nodes: [{ id: 'manual', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, fotor],
			connections: { 'When clicking ‘Execute workflow’': { main: [[{ node: fotor.name, type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${n8n.baseUrl}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });
		await page.goto(`${n8n.baseUrl}/workflow/${workflow.id}`);
		const node = page.getByText(fotor.name, { exact: true }).locator('visible=true').first();
		await node.waitFor({ timeout: 30_000 });
		// Double-click the node's box (above its label) to open its parameters.
		const label = await node.boundingBox();
		if (!label) throw new Error('Fotor node not on the canvas');
		await page.mouse.dblclick(label.x + label.width / 2, label.y - label.height * 3);
		await page.getByText('Image Source').first().waitFor({ timeout: 15_000 });
		await page.waitForTimeout(800);
		await page.screenshot({ path: target, type: 'jpeg', quality: 85 });
		progress(`screenshot written to ${target}`);
	} finally {
		await browser.close();
		await n8n.stop();
		await sim.close();
	}
}

void main();
