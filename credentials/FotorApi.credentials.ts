import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// Kept literal (not imported) so the credential file stays self-contained for n8n's loader.
const BASE_URL_EXPRESSION =
	"={{ $credentials.environment === 'custom' ? String($credentials.customBaseUrl).replace(/\\/+$/, '') : $credentials.environment === 'sandbox' ? 'https://api-b-sandbox.fotor.com' : 'https://api-b.fotor.com' }}";

export class FotorApi implements ICredentialType {
	name = 'fotorApi';

	displayName = 'Fotor API';

	icon: Icon = { light: 'file:../icons/fotor.svg', dark: 'file:../icons/fotor.dark.svg' };

	documentationUrl = 'https://github.com/fotor-n8n/n8n-nodes-fotor#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Create a key on the Fotor Developer Platform (developers.fotor.com → API Key Management). Sent as a Bearer token.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A proxy, a gateway or the local Fotor simulator',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'https://api-b.fotor.com — spends tokens',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description:
						'https://api-b-sandbox.fotor.com — needs a sandbox key; not documented by Fotor, see README',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8787',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Base URL of the Fotor-compatible API, without /v1',
		},
		{
			displayName: 'Storage Base URL',
			name: 'storageBaseUrl',
			type: 'string',
			default: 'https://pub-static.fotor.com',
			displayOptions: { show: { environment: ['custom'] } },
			description:
				'Where s3://img-pub-fotor/ result links (AI Headshot) are downloaded from. Keep the default unless your gateway or simulator serves them elsewhere.',
		},
		{
			displayName: 'Minimum Balance (Tokens)',
			name: 'minimumBalance',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description:
				"The Fotor node never starts a task that would take the account's remaining tokens below this. It reads the balance (GET /v1/credits, free) before a run's first task, at most every 10 s per n8n process. 0 turns it off.",
		},
	];

	// A function, not the declarative form: n8n 2.x resolves a declarative header as an expression,
	// which fails when the workflow setting Binary Mode is "combined".
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey ?? '')}` } };
	}

	// GET /v1/credits reads the token balance: it proves key and host without spending a token.
	// n8n's declarative test fails only when a key has a given value, so "missing" (undefined) is
	// what fails here: a reply without Fotor's code or without a balance is not Fotor's API, even
	// when it is a 200 page. Redirects are not followed, so the key never leaves the base URL.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/credits',
			method: 'GET',
			headers: {
				Accept: 'application/json',
				'User-Agent': 'n8n-nodes-fotor (+https://github.com/fotor-n8n/n8n-nodes-fotor)',
			},
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: undefined,
					message:
						'The base URL answered, but not with Fotor\'s reply (no "code" field): it is not the Fotor API. Check the environment and the custom base URL.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: '999',
					message: 'Fotor answered with error code 999 (unknown error). Try again later.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.remaining',
					value: undefined,
					message:
						'Fotor\'s reply has no token balance (its code is not "000"). Check the API key and that it belongs to the selected environment.',
				},
			},
		],
	};
}
