/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { request } from 'node:http';

import type { WebhookDelivery } from './types';

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/** POSTs task data (no envelope) to the account webhook, as Fotor does. Loopback targets only. */
export function deliverWebhook(url: string, body: unknown, log: WebhookDelivery[]): Promise<void> {
	const delivery: WebhookDelivery = { url, body, at: Date.now() };
	log.push(delivery);
	return new Promise((resolve) => {
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			delivery.error = 'invalid webhook URL';
			return resolve();
		}
		if (target.protocol !== 'http:' || !LOOPBACK.has(target.hostname)) {
			delivery.error = 'the simulator only delivers to http://127.0.0.1';
			return resolve();
		}
		const payload = JSON.stringify(body);
		const req = request(
			target,
			{
				method: 'POST',
				localAddress: '127.0.0.1',
				timeout: 10_000,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
			},
			(res) => {
				delivery.status = res.statusCode;
				res.resume();
				res.on('end', resolve);
			},
		);
		req.on('timeout', () => req.destroy(new Error('webhook timed out')));
		req.on('error', (error) => {
			delivery.error = error.message;
			resolve();
		});
		req.end(payload);
	});
}
