/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import type { ServerResponse } from 'node:http';

import type { FaultSpec } from './types';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

export const envelope = (data: unknown, code = '000', msg = 'success') => ({ code, msg, data });

/** Writes the reply of a fault that answers instead of the real handler. */
export function sendFault(res: ServerResponse, fault: FaultSpec): void {
	const retryAfter: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
	switch (fault.kind) {
		case 'http429':
			return sendJson(res, 429, envelope(null, '429', 'Rate limit: concurrency too high'), retryAfter);
		case 'http500':
			return sendJson(res, 500, envelope(null, '500', 'Internal Server Error'));
		case 'http502':
			return sendJson(res, 502, envelope(null, '502', 'Bad Gateway'));
		case 'http503':
			return sendJson(res, 503, envelope(null, '503', 'Service Unavailable'), retryAfter);
		case 'http400':
			return sendJson(res, 400, envelope(null, '400', 'Model not available for this request'));
		case 'http404':
			return sendJson(res, 404, envelope(null, '404', 'Not Found'));
		case 'malformedJson':
			res.writeHead(200, { 'content-type': 'application/json' });
			return void res.end('{"code":"000","msg":"succ');
		case 'htmlError':
			res.writeHead(502, { 'content-type': 'text/html' });
			return void res.end('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>cloudflare</p></body></html>');
		case 'cloudflare1010':
			res.writeHead(403, { 'content-type': 'text/html' });
			return void res.end('<!DOCTYPE html><html><head><title>Access denied</title></head><body>error code: 1010</body></html>');
		case 'code510':
			return sendJson(res, 200, envelope(null, '510', 'No enough credits'));
		case 'code999':
			return sendJson(res, 200, envelope(null, '999', 'Unknown error'));
		default:
			return sendJson(res, 500, envelope(null, '500', `unhandled fault ${fault.kind}`));
	}
}
