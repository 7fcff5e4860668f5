import type {
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
	/** Tokens the action node never spends below (0 or unset = off; see RunSpend). */
	minimumBalance?: number;
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

/** The decrypted credential fields (the action node reads them once per run, in FotorClient.forRun). */
export async function getFotorCredentials(context: FotorContext): Promise<FotorCredentials> {
	return await context.getCredentials<FotorCredentials>('fotorApi');
}
