import { requireNumberInRange } from '../../../shared/validation';
import type { FotorOperation } from '../types';

/** GET /v1/aiart/credentials?timeout=: a short-lived tp_ token for Fotor's AI Editor SDK in a browser. */
export const getTemporaryToken: FotorOperation<number> = {
	value: 'getTemporaryToken',
	name: 'Get Temporary Token',
	action: 'Get an AI Editor SDK temporary token',
	description: 'Get a temporary token for the Fotor AI Editor SDK, so a web page can use it without your API key',
	endpoint: 'GET /v1/aiart/credentials?timeout=',
	properties: [
		{
			displayName: 'Valid For (Seconds)',
			name: 'timeout',
			type: 'number',
			default: 3600,
			typeOptions: { minValue: 1, maxValue: 31536000 },
			description:
				'How long the token stays valid. Fotor marks this endpoint "Developing" and documents no default or maximum.',
		},
	],
	async prepare(itemIndex) {
		return requireNumberInRange(this, itemIndex, 'timeout', 'Valid For (Seconds)', { min: 1, max: 31536000, integer: true });
	},
	async execute(timeout, itemIndex, client) {
		const data = await client.request({ method: 'GET', path: '/v1/aiart/credentials', qs: { timeout }, itemIndex });
		const expire = Number(data?.expire);
		return [
			{
				json: {
					token: typeof data?.token === 'string' ? data.token : null,
					expire: Number.isFinite(expire) ? expire : null,
					expiresAt: Number.isFinite(expire) ? new Date(expire).toISOString() : null,
				},
			},
		];
	},
};
