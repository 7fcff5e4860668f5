import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { DEFAULT_READ_TIMEOUT_MS, SUCCESS_CODE, USER_AGENT } from './transport/constants';
import { resolveBaseUrl, type FotorCredentials } from './transport/credentials';
import { redactSecrets } from './transport/redact';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: unknown): unknown {
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** What the reply was, for the message when it is not Fotor's balance. */
function describeReply(status: number, body: unknown, raw: unknown): string {
	if (!isObject(body)) {
		const text = typeof raw === 'string' ? raw.trim().slice(0, 60).replace(/\s+/g, ' ') : '';
		return `HTTP ${status} with a body that is not JSON${text ? ` ("${text}…")` : ''}`;
	}
	const msg = typeof body.msg === 'string' ? body.msg : typeof body.message === 'string' ? body.message : undefined;
	return `HTTP ${status}, code ${JSON.stringify(body.code ?? null)}${msg ? ` ("${msg}")` : ''}`;
}

/**
 * The credential test: GET /v1/credits (free) must answer with Fotor's envelope, code "000" and
 * a numeric balance. n8n's declarative test only fails on a matching value, so any web page that
 * answers 200 would pass it; this one names what it got instead. Redirects are not followed.
 */
export async function fotorApiCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as unknown as FotorCredentials;
	const baseUrl = resolveBaseUrl(data);
	const apiKey = typeof data.apiKey === 'string' ? data.apiKey : '';
	const clean = (text: string) => redactSecrets(text, [apiKey]);
	if (!/^https?:\/\/[^/]+/i.test(baseUrl)) return { status: 'Error', message: `The base URL "${baseUrl}" is not an http(s) URL` };
	let response: { statusCode: number; body: unknown };
	try {
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- the only HTTP helper n8n gives a credential test
		response = (await this.helpers.request({
			method: 'GET',
			uri: `${baseUrl}/v1/credits`,
			headers: { Accept: 'application/json', 'User-Agent': USER_AGENT, Authorization: `Bearer ${apiKey}` },
			json: false,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
			followAllRedirects: false,
			timeout: DEFAULT_READ_TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		return { status: 'Error', message: clean(`Could not reach ${baseUrl}: ${(error as Error).message}`) };
	}
	const status = response.statusCode;
	const body = parseJson(response.body);
	if (status === 401 || (isObject(body) && String(body.code) === '401')) {
		return { status: 'Error', message: 'Fotor rejected the API key (HTTP 401). Check the key and that it belongs to the selected environment.' };
	}
	if (status >= 300 && status < 400) {
		return { status: 'Error', message: `${baseUrl} answered with a redirect (HTTP ${status}); the key is only sent to the base URL itself. Check the base URL.` };
	}
	const balance = isObject(body) && isObject(body.data) ? Number(body.data.remaining ?? body.data.total) : Number.NaN;
	if (status === 200 && isObject(body) && String(body.code) === SUCCESS_CODE && Number.isFinite(balance)) {
		return { status: 'OK', message: `Connected to Fotor: ${balance} tokens remaining` };
	}
	return {
		status: 'Error',
		message: clean(`${baseUrl}/v1/credits did not answer like Fotor (expected code "000" and a token balance; got ${describeReply(status, body, response.body)}). Check the environment and base URL.`),
	};
}
