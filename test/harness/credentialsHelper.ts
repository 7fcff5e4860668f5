import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestOptions,
	type INodeProperties,
} from 'n8n-workflow';
import { Container } from '@n8n/di';
import { Cipher, Credentials } from 'n8n-core';

/** How the test workflows' nodes reference the one Fotor credential this helper serves. */
export const TEST_CREDENTIAL_REF = { id: 'cred-1', name: 'Fotor test' };

/** Resolves `{{$credentials.x}}` in a generic auth template, as n8n's CredentialsHelper does. */
function resolveTemplate(template: string, credentials: ICredentialDataDecryptedObject): string {
	const body = template.startsWith('=') ? template.slice(1) : template;
	return body.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
}

/**
 * Serves one credential to n8n-core and applies the credential type's own generic
 * `authenticate` block, so requests carry exactly the headers n8n would add.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Stored encrypted with the instance key by n8n's own Cipher, as in n8n's database. */
	private stored: string;

	/** How often a node asked for the decrypted credential (n8n: a database read and a decryption each). */
	decryptions = 0;

	constructor(
		private readonly credentialType: ICredentialType,
		data: ICredentialDataDecryptedObject,
	) {
		super();
		this.stored = this.encrypt(data);
	}

	private encrypt(data: ICredentialDataDecryptedObject): string {
		return Container.get(Cipher).encryptWithInstanceKey(JSON.stringify(data));
	}

	setData(data: ICredentialDataDecryptedObject) {
		this.stored = this.encrypt(data);
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, _type: string, requestOptions: IHttpRequestOptions) {
		const auth = this.credentialType.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions); // as n8n's credentials helper does
		if (!auth || auth.type !== 'generic') return requestOptions;
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, string>;
		for (const [name, template] of Object.entries(auth.properties.headers ?? {})) {
			headers[name] = resolveTemplate(String(template), credentials);
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		return new Credentials(TEST_CREDENTIAL_REF, this.credentialType.name, this.stored);
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		this.decryptions++;
		return JSON.parse(Container.get(Cipher).decryptWithInstanceKey(this.stored)) as ICredentialDataDecryptedObject;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}
}
