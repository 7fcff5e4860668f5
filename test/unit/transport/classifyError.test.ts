import { classifyThrownError } from '../../../nodes/shared/transport/classifyError';

const wrapped = (code: string, message = 'request failed') =>
	Object.assign(new Error('The service was not able to process your request'), {
		cause: Object.assign(new Error(message), { code }),
	});

describe('classifyThrownError', () => {
	it.each([
		['ECONNREFUSED', 'connectionRefused'],
		['ENOTFOUND', 'connectionRefused'],
		['EAI_AGAIN', 'connectionRefused'],
		['ECONNRESET', 'network'],
		['EPIPE', 'network'],
		['ECONNABORTED', 'timeout'],
		['ETIMEDOUT', 'timeout'],
		['ERR_CANCELED', 'cancelled'],
	])('finds %s inside the wrapped cause → %s', (code, kind) => {
		expect(classifyThrownError(wrapped(code))).toMatchObject({ kind, networkCode: code });
	});

	it('recognises a timeout by message and a cancelled execution by its signal', () => {
		expect(classifyThrownError(new Error('timeout of 100ms exceeded')).kind).toBe('timeout');
		const controller = new AbortController();
		controller.abort();
		expect(classifyThrownError(wrapped('ECONNRESET'), controller.signal).kind).toBe('cancelled');
	});

	it('treats anything unknown as a failed request with an unknown outcome, keeping what the client said', () => {
		expect(classifyThrownError(new Error('socket hang up'))).toEqual({ kind: 'network', detail: 'socket hang up Error' });
		expect(classifyThrownError(new Error("Node 'Fotor' hasn't been executed"))).toMatchObject({ kind: 'network', detail: expect.stringContaining("hasn't been executed") });
		expect(classifyThrownError(undefined)).toEqual({ kind: 'network', detail: undefined });
	});
});
