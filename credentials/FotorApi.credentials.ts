import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// Tested by the Fotor node (testedBy: fotorApiCredentialTest): GET /v1/credits must answer with
	// Fotor's envelope and a balance, which n8n's declarative test cannot require.
}
