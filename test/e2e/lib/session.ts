/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- throw-away local test instance */
import { request } from 'undici';

export const OWNER = { email: 'e2e@fotor.test', firstName: 'E2E', lastName: 'Owner', password: 'E2e-password-1234' };

/** n8n settings every test instance shares: loopback only, no telemetry, banners or AI, community packages on. */
export const QUIET_N8N_ENV: Record<string, string> = {
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: '127.0.0.1',
	N8N_PROTOCOL: 'http',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
	N8N_SECURE_COOKIE: 'false',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_LOG_LEVEL: 'info',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
};

export interface OwnerSession {
	/** The editor's REST API with the owner's session cookie (returns `data`). */
	rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	/** A raw GET on the REST API (e.g. binary data), with the session cookie. */
	restBytes(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>;
	/** n8n's public API with a fresh API key. */
	api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Creates the owner on a fresh n8n, logs in and creates an API key, as a user would in the UI. */
export async function ownerSession(baseUrl: string, label: string): Promise<OwnerSession> {
	let cookie = '';
	const call = async (method: string, path: string, body?: unknown) => {
		const response = await request(`${baseUrl}/rest${path}`, {
			method: method as 'GET',
			headers: { 'content-type': 'application/json', 'browser-id': `fotor-${label}`, cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers['set-cookie'];
		const auth = (Array.isArray(setCookie) ? setCookie : [setCookie ?? '']).find((c) => String(c).startsWith('n8n-auth='));
		if (auth) cookie = String(auth).split(';')[0];
		return { status: response.statusCode, headers: response.headers as Record<string, unknown>, body: Buffer.from(await response.body.arrayBuffer()) };
	};
	const rest = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await call(method, path, body);
		const text = response.body.toString('utf8');
		if (response.status >= 400) throw new Error(`REST ${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
		return (text ? (JSON.parse(text) as { data?: T }).data : undefined) as T;
	};
	await rest('POST', '/owner/setup', OWNER);
	await rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	const scopes = await rest<string[]>('GET', '/api-keys/scopes');
	const apiKey = (await rest<{ rawApiKey: string }>('POST', '/api-keys', { label, scopes, expiresAt: null })).rawApiKey;
	const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await request(`${baseUrl}/api/v1${path}`, {
			method: method as 'GET',
			headers: { 'content-type': 'application/json', 'x-n8n-api-key': apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.body.text();
		if (response.statusCode >= 400) throw new Error(`API ${method} ${path} → ${response.statusCode}: ${text.slice(0, 500)}`);
		return (text ? JSON.parse(text) : undefined) as T;
	};
	return { rest, api, restBytes: async (path: string) => await call('GET', path) };
}
