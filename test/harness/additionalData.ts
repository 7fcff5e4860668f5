import { ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IWorkflowBase, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { FotorApi } from '../../credentials/FotorApi.credentials';
import { TestCredentialsHelper } from './credentialsHelper';

export const N8N_BASE_URL = 'http://127.0.0.1:5678';

/**
 * What n8n passes to every node context: lifecycle hooks, the credentials helper (serving the
 * Fotor credential with its real generic auth) and the instance's base URLs. A plain object,
 * as the notes advise, not a deep mock.
 */
export function createAdditionalData(
	workflowData: IWorkflowBase,
	credentials: ICredentialDataDecryptedObject,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		hooks: new ExecutionLifecycleHooks('manual', 'exec-1', workflowData),
		executionId: 'exec-1',
		variables: {},
		credentialsHelper: new TestCredentialsHelper(new FotorApi(), credentials),
		currentNodeExecutionIndex: 0,
		restApiUrl: `${N8N_BASE_URL}/rest`,
		instanceBaseUrl: N8N_BASE_URL,
		webhookBaseUrl: `${N8N_BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${N8N_BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${N8N_BASE_URL}/webhook-test`,
		formWaitingBaseUrl: `${N8N_BASE_URL}/form-waiting`,
		formBaseUrl: `${N8N_BASE_URL}/form`,
		formTestBaseUrl: `${N8N_BASE_URL}/form-test`,
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}
