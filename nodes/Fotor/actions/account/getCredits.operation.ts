import type { FotorOperation } from '../types';

/** GET /v1/credits: the token balance of the API key. Free to call. */
export const getCredits: FotorOperation = {
	value: 'getCredits',
	name: 'Get Credits',
	action: 'Get token balance',
	description: 'Get the total and remaining Fotor tokens of the API key (costs nothing)',
	endpoint: 'GET /v1/credits',
	properties: [],
	async prepare() {
		return undefined;
	},
	async execute(_input, itemIndex, client) {
		const data = await client.request({ method: 'GET', path: '/v1/credits', itemIndex });
		const total = Number(data?.total);
		const remaining = Number(data?.remaining);
		return [
			{
				json: {
					total: Number.isFinite(total) ? total : null,
					remaining: Number.isFinite(remaining) ? remaining : null,
					used: Number.isFinite(total) && Number.isFinite(remaining) ? total - remaining : null,
					businessId: typeof data?.businessId === 'string' ? data.businessId : '',
				},
			},
		];
	},
};
