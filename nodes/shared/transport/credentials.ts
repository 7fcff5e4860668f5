import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { FOTOR_PRODUCTION_URL, FOTOR_SANDBOX_URL, FOTOR_STORAGE_URL } from './constants';

/** Every n8n context that talks to Fotor. */
export type FotorContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IWebhookFunctions;

/** The decrypted `fotorApi` credential. */
export interface FotorCredentials {
	apiKey: string;
	environment?: 'production' | 'sandbox' | 'custom';
	customBaseUrl?: string;
	storageBaseUrl?: string;
}

const trimSlashes = (url: string) => url.trim().replace(/\/+$/, '');

/** API host for the chosen environment (mirrors the credential test's expression). */
export function resolveBaseUrl(credentials: FotorCredentials): string {
	switch (credentials.environment) {
		case 'sandbox':
			return FOTOR_SANDBOX_URL;
		case 'custom':
			return trimSlashes(credentials.customBaseUrl ?? '');
		default:
			return FOTOR_PRODUCTION_URL;
	}
}

/** Host that serves s3://img-pub-fotor/ result paths; only a custom environment may move it. */
export function resolveStorageBaseUrl(credentials: FotorCredentials | undefined): string {
	if (credentials?.environment === 'custom' && credentials.storageBaseUrl) {
		return trimSlashes(credentials.storageBaseUrl);
	}
	return FOTOR_STORAGE_URL;
}

/**
 * The `fotorApi` credential, read once per node context. n8n loads a credential from its database
 * and decrypts it on every `getCredentials` call, and `httpRequestWithAuthentication` would do the
 * same for every request; a batch of 300 items would read it 600 times. One context is one node
 * run, so the cache lives exactly as long as the run and never crosses executions.
 */
const readsByContext = new WeakMap<object, Promise<ICredentialsDecrypted<FotorCredentials>>>();

export async function readFotorCredentials(context: FotorContext): Promise<ICredentialsDecrypted<FotorCredentials>> {
	let read = readsByContext.get(context);
	if (!read) {
		read = context.getCredentials<FotorCredentials>('fotorApi').then(
			(data) => ({ id: '', name: 'fotorApi', type: 'fotorApi', data }),
			(error: unknown) => {
				readsByContext.delete(context); // a failed read is not remembered: the next item asks n8n again
				throw error;
			},
		);
		readsByContext.set(context, read);
	}
	return await read;
}

/** The decrypted credential fields (see readFotorCredentials). */
export async function getFotorCredentials(context: FotorContext): Promise<FotorCredentials> {
	return (await readFotorCredentials(context)).data as FotorCredentials;
}
