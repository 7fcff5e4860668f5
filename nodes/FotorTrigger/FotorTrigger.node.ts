import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { downloadToBinary } from '../shared/download';
import { binaryPropertyNameField, binaryPropertyNameFrom, RETURN_MODES, returnModeField } from '../shared/outputFields';
import { normalizeTask, taskSummary, type FotorTask } from '../shared/task/fotorTask';
import { buildTaskOutput, type ReturnMode } from '../shared/task/resultOutput';
import { NSFW_EVERY_RESULT, withoutFlaggedResults } from '../shared/task/taskOutcome';
import { getFotorCredentials, resolveStorageBaseUrl } from '../shared/transport/credentials';
import { checkOption, parseBoolean } from '../shared/validation';
import { checkDelivery } from './delivery';
import { filterMismatch, parseList, type OutcomeFilter } from './filters';
import { isRepeatDelivery } from './recentDeliveries';
import { isResultUrlAllowed } from './resultHosts';
import { FOTOR_SENDER_IPS, ipAllowed, senderIp, tokenMatches } from './security';

const TASK_TYPES = [
	{ name: 'AI Headshot', value: 'avatar' },
	{ name: 'AI Replace', value: 'replacer' },
	{ name: 'Colorize', value: 'colorize' },
	{ name: 'Face Swap', value: 'faceswap' },
	{ name: 'Image Generation (by Model)', value: 'imagegeneration' },
	{ name: 'Image to Image', value: 'img2img' },
	{ name: 'Remove Background', value: 'backgroundremover' },
	{ name: 'Restore Photo', value: 'restoration' },
	{ name: 'Retouch Skin', value: 'retouchskin' },
	{ name: 'Text to Image', value: 'text2img' },
	{ name: 'Upscale', value: 'imgupscale' },
	{ name: 'Video From Image', value: 'img2video' },
	{ name: 'Video From Several Images', value: 'character2video' },
	{ name: 'Video From Start and End Frames', value: 'startend2video' },
	{ name: 'Video From Text', value: 'text2video' },
];

/** One short download attempt inside the webhook, so Fotor gets its acknowledgement promptly. */
const WEBHOOK_DOWNLOAD_TIMEOUT_MS = 10_000;

export class FotorTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fotor Trigger',
		name: 'fotorTrigger',
		icon: { light: 'file:../../icons/fotor.svg', dark: 'file:../../icons/fotor.dark.svg' },
		group: ['trigger'],
		// Version 2 only changes how n8n itself parses the delivery: for version-1 start nodes n8n
		// evaluates an expression that fails under the workflow setting Binary Mode "combined".
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ "Task results: " + $parameter["outcome"] }}',
		description: 'Starts a workflow when Fotor reports a finished task through its webhook',
		defaults: { name: 'Fotor Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fotorApi', required: false}],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'fotor',
			},
		],
		properties: [
			{
				displayName:
					'Fotor sends task results to one webhook URL per account. Copy the <b>Production URL</b> above into the Fotor developer console (developers.fotor.com → Webhook) and publish this workflow. The Test URL only listens while the editor waits for a test event. Fotor sends from 54.212.95.175 and 44.236.127.35; if n8n runs behind a reverse proxy, turn on "Trust X-Forwarded-For" below.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Outcome',
				name: 'outcome',
				type: 'options',
				default: 'any',
				description: 'Which task results start the workflow',
				options: [
					{ name: 'Any Final Outcome', value: 'any', description: 'Completed, failed, timed out or cancelled tasks' },
					{ name: 'Completed', value: 'completed', description: 'Only tasks that produced a result' },
					{ name: 'Everything (Including Progress Updates)', value: 'all', description: 'Also status 0 (in progress) deliveries' },
					{ name: 'Failed', value: 'failed', description: 'Failed, timed out or cancelled tasks' },
				],
			},
			{
				displayName: 'Task Types',
				name: 'taskTypes',
				type: 'multiOptions',
				default: [],
				description:
					'Only these tools; none selected = all. Fotor documents the type only for headshots ("avatar"); the others are the tool path names.',
				options: TASK_TYPES,
			},
			{
				displayName: 'Other Task Types',
				name: 'customTypes',
				type: 'string',
				default: '',
				placeholder: 'videoEnhancer, ecommercelistingset',
				description: 'More type strings to accept, comma-separated',
			},
			{
				displayName: 'Task IDs',
				name: 'taskIds',
				type: 'string',
				default: '',
				placeholder: '={{ $json.taskId }}',
				description: 'Only these task IDs (comma- or newline-separated); empty = all',
			},
			{
				displayName: 'Business ID',
				name: 'businessId',
				type: 'string',
				default: '',
				description: 'Only deliveries with this businessId; empty = all',
			},
			{
				displayName: 'Download Result',
				name: 'download',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the result file(s) into binary data before the workflow starts. Fotor is acknowledged first; one attempt of at most 10 s per file, and if it fails the item carries downloadError and the URL, to fetch later with Task → Get.',
			},
			{ ...returnModeField, displayOptions: { show: { download: [true] } } },
			{ ...binaryPropertyNameField, displayOptions: { show: { download: [true] } } },
			{
				displayName: 'Security',
				name: 'security',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Allowed Sender IPs',
						name: 'allowedIps',
						type: 'string',
						default: FOTOR_SENDER_IPS.join(', '),
						description: 'Deliveries from other addresses get 403. Empty = accept any sender.',
					},
					{
						displayName: 'Secret Token',
						name: 'secretToken',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						description:
							'Require this token as ?token=... in the URL you give Fotor (or an X-Fotor-Token header). Deliveries without it get 401.',
					},
					{
						displayName: 'Trust X-Forwarded-For',
						name: 'trustProxy',
						type: 'boolean',
						default: false,
						description:
							'Whether n8n is behind a reverse proxy that sets X-Forwarded-For; the sender is then the address the proxy saw',
					},
				],
			},
		],
	};

	// Fotor's webhook URL is set by hand in its developer console, so there is nothing to
	// register remotely; static data only remembers which URL the user was shown.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				return data.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.getWorkflowStaticData('node').webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const reject = (status: number, error: string): IWebhookResponseData => {
			this.getResponseObject().status(status).json({ error });
			return { noWebhookResponse: true };
		};

		const security = this.getNodeParameter('security', {}) as IDataObject;
		const ip = senderIp(req.ip ?? req.socket?.remoteAddress, req.headers['x-forwarded-for'], security.trustProxy === true);
		if (!ipAllowed(ip, parseList(security.allowedIps ?? FOTOR_SENDER_IPS.join(',')))) {
			return reject(403, 'Sender not allowed');
		}
		const secret = typeof security.secretToken === 'string' ? security.secretToken : '';
		if (secret && !tokenMatches(secret, req.query?.token ?? req.headers['x-fotor-token'])) {
			return reject(401, 'Missing or wrong token');
		}
		const rawLength = req.rawBody?.length ?? (Number(req.headers['content-length']) || undefined);
		const delivery = checkDelivery(req.headers['content-type'], rawLength, this.getBodyData());
		if (!delivery.ok) return reject(delivery.status, delivery.error);

		const storage = await storageBaseUrl(this);
		const task = normalizeTask(delivery.data, storage);
		const mismatch = filterMismatch(task, {
			outcome: this.getNodeParameter('outcome', 'any') as OutcomeFilter,
			types: [...(this.getNodeParameter('taskTypes', []) as string[]), ...parseList(this.getNodeParameter('customTypes', ''))],
			taskIds: parseList(this.getNodeParameter('taskIds', '')),
			businessId: String(this.getNodeParameter('businessId', '')).trim() || undefined,
		});
		if (mismatch) return { webhookResponse: { received: true, ignored: mismatch } };

		// The download options are read (and checked) before Fotor is acknowledged: a bad one must fail
		// the delivery, not lose it after the acknowledgement. With Download Result on, Fotor is then
		// acknowledged before the download, so a slow CDN never delays it.
		const download = readDownloadOptions(this);
		const trigger = `${this.getWorkflow().id ?? ''}\n${this.getNode().webhookId ?? this.getNode().name}`;
		if (isRepeatDelivery(trigger, task.taskId, task.statusCode)) {
			return { webhookResponse: { received: true, ignored: 'repeated delivery of this task and status' } };
		}
		if (download) {
			this.getResponseObject().status(200).json({ received: true });
			return { noWebhookResponse: true, workflowData: [await outputItems.call(this, task, { ...download, storageBaseUrl: storage })] };
		}
		return { webhookResponse: { received: true }, workflowData: [await outputItems.call(this, task)] };
	}
}

interface DownloadOutput {
	returnMode: ReturnMode;
	binaryPropertyName: string;
}

/** Where results may be downloaded from (see isResultUrlAllowed). */
type DownloadSettings = DownloadOutput & { storageBaseUrl: string };

/**
 * The download options when Download Result is on (a switch set by an expression counts as on only
 * when it says so: "false" is not on), with Return checked like the action node's.
 */
function readDownloadOptions(context: IWebhookFunctions): DownloadOutput | undefined {
	if (parseBoolean(context.getNodeParameter('download', false)) !== true) return undefined;
	return {
		returnMode: checkOption(context, context.getNodeParameter('returnMode', 'both'), 'Return', RETURN_MODES),
		binaryPropertyName: binaryPropertyNameFrom(context.getNodeParameter('binaryPropertyName', 'data')),
	};
}

/** Only a custom environment moves the host of s3:// results; the credential is optional. */
async function storageBaseUrl(context: IWebhookFunctions): Promise<string> {
	const hasCredential = Boolean(context.getNode().credentials?.fotorApi);
	return resolveStorageBaseUrl(hasCredential ? await getFotorCredentials(context) : undefined);
}

/**
 * The task as items. Results Fotor flagged as unsafe are left out and listed (flaggedResults);
 * a task whose every result is flagged carries `error`. A failed download keeps the delivery
 * (with the reason) instead of losing it.
 */
async function outputItems(this: IWebhookFunctions, task: FotorTask, downloadOutput?: DownloadSettings): Promise<INodeExecutionData[]> {
	const receivedAt = new Date().toISOString();
	const kept = withoutFlaggedResults(task);
	const extra = {
		receivedAt,
		...(task.status === 'completed' && task.hasHsfw && kept.results.length === 0 && { error: NSFW_EVERY_RESULT }),
	};
	if (!downloadOutput) return [{ json: { ...taskSummary(kept), ...extra } }];
	const { storageBaseUrl: storage, ...output } = downloadOutput;
	const options = { ...output, fileNameBase: `fotor-${task.type ?? 'task'}-${task.taskId.slice(0, 8)}` };
	const download = async (url: string, fileNameBase: string) => {
		if (!isResultUrlAllowed(url, storage)) {
			throw new NodeOperationError(
				this.getNode(),
				`Not downloaded: ${url} is not on Fotor's result hosts (https://*.fotor.com) or the credential's Storage Base URL`,
			);
		}
		return await downloadToBinary.call(this, url, fileNameBase, 0, { maxAttempts: 1, timeoutMs: WEBHOOK_DOWNLOAD_TIMEOUT_MS, totalTimeoutMs: WEBHOOK_DOWNLOAD_TIMEOUT_MS });
	};
	try {
		return await buildTaskOutput(kept, options, download, extra);
	} catch (error) {
		return [{ json: { ...taskSummary(kept), ...extra, downloadError: (error as Error).message } }];
	}
}
