import type { INode } from 'n8n-workflow';

import { toNodeApiError } from '../../../nodes/shared/transport/errors';
import type { FailureKind } from '../../../nodes/shared/transport/failure';
import { redactSecrets } from '../../../nodes/shared/transport/redact';

const node: INode = { id: '1', name: 'Fotor', type: 'fotor', typeVersion: 1, position: [0, 0], parameters: {} };
const FAKE_API_KEY_VALUE = ['fk', 'live', '0123456789abcdef'].join('_');

describe('redactSecrets', () => {
	it('removes the configured key and any Bearer token', () => {
		expect(redactSecrets(`key ${FAKE_API_KEY_VALUE} here`, [FAKE_API_KEY_VALUE])).toBe('key [redacted] here');
		expect(redactSecrets('Authorization: Bearer other-token-123', [])).toBe('Authorization: Bearer [redacted]');
		expect(redactSecrets('nothing', [undefined, ''])).toBe('nothing');
	});
});

describe('toNodeApiError', () => {
	const kinds: FailureKind[] = [
		'auth', 'forbidden', 'rateLimited', 'noCredits', 'badRequest', 'notFound', 'server',
		'apiError', 'malformed', 'timeout', 'connectionRefused', 'network', 'cancelled',
	];

	it.each(kinds)('%s: never contains the key, even when Fotor echoes it', (kind) => {
		const error = toNodeApiError(
			node,
			{ kind, httpStatus: 500, fotorCode: '1', fotorMsg: `bad key ${FAKE_API_KEY_VALUE}` },
			{ operation: 'POST /v1/aiart/imgupscale', billable: true, attempts: 1, secrets: [FAKE_API_KEY_VALUE], itemIndex: 2 },
		);
		const everything = JSON.stringify([error.message, error.description, { ...error }]);
		expect(everything).not.toContain(FAKE_API_KEY_VALUE);
		expect(error.context.itemIndex).toBe(2);
	});

	it('says an uncertain submit was not repeated and may be billed', () => {
		const error = toNodeApiError(node, { kind: 'server', httpStatus: 502 }, {
			operation: 'POST /v1/aiart/imgupscale', billable: true, attempts: 1, secrets: [],
		});
		expect(error.message).toMatch(/may or may not have been created/);
		expect(error.description).toMatch(/not sent again/);
		expect(error.description).toContain('HTTP 502');
	});

	it.each([
		[{ kind: 'auth' as const, httpStatus: 401 }, /rejected the API key/, /credential/],
		[{ kind: 'forbidden' as const, httpStatus: 403, cloudflare1010: true }, /Cloudflare error 1010/, /User-Agent/],
		[{ kind: 'rateLimited' as const, httpStatus: 429 }, /limiting the request rate/, /Parallel Tasks/],
		[{ kind: 'noCredits' as const, fotorCode: '510' }, /Not enough Fotor tokens/, /Get Credits/],
		[{ kind: 'badRequest' as const, httpStatus: 400, fotorMsg: 'userImageUrl is required' }, /userImageUrl is required/, /fields/],
	])('explains %o', (failure, message, description) => {
		const error = toNodeApiError(node, failure, { operation: 'GET /v1/credits', billable: false, attempts: 1, secrets: [] });
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(description);
	});
});
