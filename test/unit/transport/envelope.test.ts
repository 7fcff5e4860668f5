import { parseEnvelope } from '../../../nodes/shared/transport/envelope';

const ok = (body: unknown) => parseEnvelope(200, {}, JSON.stringify(body));

describe('parseEnvelope', () => {
	it('returns data for code "000", numeric 0 and a missing code', () => {
		expect(ok({ code: '000', msg: 'success', data: { taskId: 'a' } })).toEqual({ ok: true, data: { taskId: 'a' } });
		expect(ok({ code: 0, data: { x: 1 } })).toEqual({ ok: true, data: { x: 1 } });
		expect(ok({ data: { x: 2 } })).toEqual({ ok: true, data: { x: 2 } });
	});

	it.each([
		[401, 'auth'],
		[403, 'forbidden'],
		[404, 'notFound'],
		[429, 'rateLimited'],
		[400, 'badRequest'],
		[422, 'badRequest'],
		[500, 'server'],
		[502, 'server'],
		[503, 'server'],
	])('maps HTTP %i to %s and keeps Fotor code and msg', (status, kind) => {
		const result = parseEnvelope(status, { 'retry-after': '3' }, JSON.stringify({ code: '42', msg: 'why' }));
		expect(result).toEqual({
			ok: false,
			failure: expect.objectContaining({ kind, httpStatus: status, fotorCode: '42', fotorMsg: 'why', retryAfter: '3' }),
		});
	});

	it('recognises a Cloudflare 1010 page', () => {
		const result = parseEnvelope(403, {}, '<html><title>Access denied</title>error code: 1010</html>');
		expect(result).toMatchObject({ ok: false, failure: { kind: 'forbidden', cloudflare1010: true } });
		expect(parseEnvelope(403, {}, '{"code":"403","msg":"no"}')).toMatchObject({ failure: { cloudflare1010: false } });
	});

	it('code 510 means no credits whatever the 4xx status (so it is never taken for a refused submit)', () => {
		expect(parseEnvelope(400, {}, '{"code":"510","msg":"No enough credits"}')).toMatchObject({
			ok: false,
			failure: { kind: 'noCredits', httpStatus: 400, fotorCode: '510' },
		});
		expect(parseEnvelope(503, {}, '{"code":"510"}')).toMatchObject({ ok: false, failure: { kind: 'server' } });
	});

	it('maps code 510 to noCredits and other codes to apiError, reading msg or message', () => {
		expect(ok({ code: '510', msg: 'No enough credits' })).toMatchObject({
			ok: false,
			failure: { kind: 'noCredits', fotorCode: '510', fotorMsg: 'No enough credits' },
		});
		expect(ok({ code: '999', message: 'Unknown error' })).toMatchObject({
			ok: false,
			failure: { kind: 'apiError', fotorCode: '999', fotorMsg: 'Unknown error' },
		});
	});

	it.each(['', '<html>502 Bad Gateway</html>', '{"code":"000","msg":"succ', '[1,2]', 'null', '"text"'])(
		'treats a 2xx body %p that is not an envelope object as malformed',
		(body) => {
			expect(parseEnvelope(200, {}, body)).toEqual({ ok: false, failure: { kind: 'malformed', httpStatus: 200 } });
		},
	);
});
