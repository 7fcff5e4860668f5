import { checkDelivery, MAX_BODY_BYTES } from '../../../nodes/FotorTrigger/delivery';
import { filterMismatch, parseList } from '../../../nodes/FotorTrigger/filters';
import { ipAllowed, senderIp, tokenMatches } from '../../../nodes/FotorTrigger/security';
import { normalizeTask } from '../../../nodes/shared/task/fotorTask';

const JSON_TYPE = 'application/json';
const valid = { taskId: 'e0dc194703174b6eafeacb4ee8e02850', status: 1, type: 'imgupscale', resultUrl: 'https://x/y.png' };

describe('checkDelivery', () => {
	it('accepts a Fotor task payload and coerces a string status', () => {
		expect(checkDelivery(JSON_TYPE, 100, valid)).toEqual({ ok: true, data: valid });
		expect(checkDelivery('application/json; charset=utf-8', 100, { ...valid, status: '2' })).toMatchObject({ ok: true, data: { status: 2 } });
	});

	it.each([
		['too large', JSON_TYPE, MAX_BODY_BYTES + 1, valid, 413],
		['not JSON', 'text/plain', 10, valid, 415],
		['no content type', undefined, 10, valid, 415],
		['an array', JSON_TYPE, 10, [valid], 400],
		['a string', JSON_TYPE, 10, 'hello', 400],
		['null', JSON_TYPE, 10, null, 400],
		['no taskId', JSON_TYPE, 10, { status: 1 }, 400],
		['a taskId with a slash', JSON_TYPE, 10, { ...valid, taskId: '../etc' }, 400],
		['status 7', JSON_TYPE, 10, { ...valid, status: 7 }, 400],
		['status 1.5', JSON_TYPE, 10, { ...valid, status: 1.5 }, 400],
		['no status', JSON_TYPE, 10, { taskId: 'abc' }, 400],
	])('rejects %s', (_name, type, length, body, status) => {
		expect(checkDelivery(type, length, body)).toMatchObject({ ok: false, status });
	});
});

describe('filters', () => {
	const task = (data: Record<string, unknown>) => normalizeTask({ ...valid, businessId: 'biz', ...data }, 'https://cdn');
	const base = { types: [], outcome: 'any' as const, taskIds: [] };

	it('parses lists from text or arrays', () => {
		expect(parseList(' a, b\nc;;d ')).toEqual(['a', 'b', 'c', 'd']);
		expect(parseList(['x', ' y '])).toEqual(['x', 'y']);
		expect(parseList(undefined)).toEqual([]);
	});

	it.each([
		[{}, base, undefined],
		[{ status: 0 }, base, 'task still in progress'],
		[{ status: 0 }, { ...base, outcome: 'all' as const }, undefined],
		[{ status: 2 }, { ...base, outcome: 'completed' as const }, 'outcome failed'],
		[{ status: 1 }, { ...base, outcome: 'failed' as const }, 'outcome completed'],
		[{ status: 4 }, { ...base, outcome: 'failed' as const }, undefined],
		[{}, { ...base, types: ['avatar'] }, 'type imgupscale'],
		[{}, { ...base, types: ['imgupscale', 'avatar'] }, undefined],
		[{}, { ...base, taskIds: ['other'] }, 'task ID not listed'],
		[{}, { ...base, taskIds: [valid.taskId] }, undefined],
		[{}, { ...base, businessId: 'nope' }, 'business ID differs'],
		[{}, { ...base, businessId: 'biz' }, undefined],
	])('task %o with filters %o → %p', (data, filters, expected) => {
		expect(filterMismatch(task(data), filters)).toBe(expected);
	});
});

describe('security', () => {
	it('uses the address n8n saw unless the proxy is trusted, then the right-most forwarded entry', () => {
		expect(senderIp('::ffff:10.0.0.5', '54.212.95.175', false)).toBe('10.0.0.5');
		expect(senderIp('10.0.0.5', '1.2.3.4, 54.212.95.175', true)).toBe('54.212.95.175');
		expect(senderIp('10.0.0.5', ['6.6.6.6', '44.236.127.35'], true)).toBe('44.236.127.35');
		expect(senderIp('10.0.0.5', undefined, true)).toBe('10.0.0.5');
	});

	it('checks the allow-list; an empty list allows all', () => {
		expect(ipAllowed('54.212.95.175', ['54.212.95.175', '44.236.127.35'])).toBe(true);
		expect(ipAllowed('::ffff:44.236.127.35', ['44.236.127.35'])).toBe(true);
		expect(ipAllowed('1.2.3.4', ['54.212.95.175'])).toBe(false);
		expect(ipAllowed('1.2.3.4', [])).toBe(true);
	});

	it('compares tokens exactly', () => {
		expect(tokenMatches('s3cret', 's3cret')).toBe(true);
		expect(tokenMatches('s3cret', 's3cre')).toBe(false);
		expect(tokenMatches('s3cret', undefined)).toBe(false);
		expect(tokenMatches('s3cret', ['s3cret'])).toBe(false);
	});
});
