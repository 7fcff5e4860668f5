import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { FotorOperation } from '../types';

const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? null : String(value));
const number = (value: unknown) => {
	const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : null;
};

/** GET /v1/payment/links: Fotor's recharge plans with payment links (valid about 30 minutes). Free to call. */
export const getRechargeLinks: FotorOperation = {
	value: 'getRechargeLinks',
	name: 'Get Recharge Links',
	action: 'Get recharge links',
	description: "Get Fotor's token plans with a payment link for each, one item per plan (costs nothing; links expire after about 30 minutes)",
	endpoint: 'GET /v1/payment/links',
	properties: [],
	async prepare() {
		return undefined;
	},
	async execute(_input, itemIndex, client) {
		const data = await client.requestData({ method: 'GET', path: '/v1/payment/links', itemIndex });
		if (!Array.isArray(data)) {
			throw new NodeOperationError(this.getNode(), "Fotor's reply to GET /v1/payment/links has no list of plans", {
				itemIndex,
				description: 'Fotor documents this endpoint only in its own tools; recharge on developers.fotor.com instead.',
			});
		}
		return (data as IDataObject[]).map((plan) => ({
			json: {
				url: text(plan?.url),
				planName: text(plan?.planName),
				credits: number(plan?.credits),
				currency: text(plan?.currency),
				amount: number(plan?.amount),
				urlExpireTime: text(plan?.urlExpireTime),
			},
		}));
	},
};
