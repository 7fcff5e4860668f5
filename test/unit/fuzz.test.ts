import fc from 'fast-check';

import { checkDelivery } from '../../nodes/FotorTrigger/delivery';
import { normalizeTask, taskSummary } from '../../nodes/shared/task/fotorTask';
import { classifyThrownError } from '../../nodes/shared/transport/classifyError';
import { parseEnvelope } from '../../nodes/shared/transport/envelope';

const KINDS = new Set(['auth', 'forbidden', 'rateLimited', 'noCredits', 'badRequest', 'notFound', 'server', 'apiError', 'malformed']);
const envelopeLike = fc.record(
	{ code: fc.oneof(fc.constantFrom('000', '510', '999', 0, '0'), fc.string(), fc.integer()), msg: fc.string(), data: fc.anything() },
	{ requiredKeys: [] },
);
const anyBody = fc.oneof(fc.string(), fc.json(), envelopeLike.map((body) => JSON.stringify(body)), fc.string({ unit: 'grapheme' }));

describe('property tests: parsers never crash and always return a typed result', () => {
	it('parseEnvelope: any status, headers and body (also truncated)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 100, max: 599 }), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), anyBody, fc.nat(), (status, headers, body, cut) => {
				for (const text of [body, body.slice(0, cut % (body.length + 1))]) {
					const result = parseEnvelope(status, headers, text);
					if (result.ok) expect(status >= 200 && status < 300).toBe(true);
					else expect(KINDS.has(result.failure.kind)).toBe(true);
				}
			}),
			{ numRuns: 2000 },
		);
	});

	it('parseEnvelope: success only for a JSON object whose code means success', () => {
		fc.assert(
			fc.property(envelopeLike, (body) => {
				const result = parseEnvelope(200, {}, JSON.stringify(body));
				const code = body.code === undefined ? undefined : String(body.code).trim();
				expect(result.ok).toBe(code === undefined || code === '000' || code === '0');
			}),
		);
	});

	it('checkDelivery: random and truncated webhook bodies are accepted or refused with a 4xx, never thrown', () => {
		const payload = fc.record({ taskId: fc.oneof(fc.stringMatching(/^[0-9a-f]{1,40}$/), fc.string(), fc.integer()), status: fc.oneof(fc.integer(), fc.string(), fc.double()), type: fc.string() }, { requiredKeys: [] });
		fc.assert(
			fc.property(fc.oneof(fc.anything(), payload), fc.option(fc.constantFrom('application/json', 'text/plain', 'application/vnd.api+json')), fc.nat(), (body, type, length) => {
				const result = checkDelivery(type ?? undefined, length, body);
				if (!result.ok) expect([400, 413, 415]).toContain(result.status);
				else expect(Number.isInteger(result.data.status)).toBe(true);
			}),
			{ numRuns: 2000 },
		);
	});

	it('normalizeTask + taskSummary: any task data gives a well-formed task', () => {
		fc.assert(
			fc.property(fc.anything(), (data) => {
				const task = normalizeTask(data, 'https://cdn.example');
				expect(typeof task.taskId).toBe('string');
				expect(Array.isArray(task.results)).toBe(true);
				expect(typeof taskSummary(task).status).toBe('string');
			}),
			{ numRuns: 2000 },
		);
	});

	it('classifyThrownError: anything thrown maps to a failure kind', () => {
		fc.assert(
			fc.property(fc.anything(), (thrown) => {
				expect(['cancelled', 'timeout', 'connectionRefused', 'network']).toContain(classifyThrownError(thrown).kind);
			}),
		);
	});
});
