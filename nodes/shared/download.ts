import {
	NodeApiError,
	type IBinaryData,
	type IExecuteFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { imageTypeFromMime, type ImageType } from './imageType';
import { executionCancelSignal } from './transport/cancelSignal';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, USER_AGENT } from './transport/constants';
import { plainRequestWithRetries, statusFailure } from './transport/plainRequest';

export type DownloadContext = IExecuteFunctions | IWebhookFunctions;

export interface DownloadedBinary {
	binary: IBinaryData;
	type: ImageType;
}

export interface DownloadOptions {
	/** Attempts in all; the Fotor Trigger uses 1 so it can acknowledge promptly. */
	maxAttempts?: number;
	timeoutMs?: number;
	/** Defaults to the execution's cancel signal. */
	signal?: AbortSignal;
}

type BinaryStream = Parameters<DownloadContext['helpers']['prepareBinaryData']>[0] & { destroy?: () => void };

const VIDEO_TYPES: Record<string, ImageType> = {
	'video/mp4': { mimeType: 'video/mp4', extension: 'mp4' },
	'video/quicktime': { mimeType: 'video/quicktime', extension: 'mov' },
	'video/webm': { mimeType: 'video/webm', extension: 'webm' },
};

/** The type of a streamed result: its Content-Type, else the extension in its URL. */
function resultType(contentType: string | undefined, url: string): ImageType {
	const mime = contentType?.split(';')[0].trim().toLowerCase();
	if (mime && VIDEO_TYPES[mime]) return VIDEO_TYPES[mime];
	const byExtension = /\.(png|jpe?g|webp|gif|mp4|mov|webm)(?:$|[?#])/i.exec(url)?.[1].toLowerCase();
	if (byExtension === 'mp4' || byExtension === 'mov' || byExtension === 'webm') {
		return VIDEO_TYPES[`video/${byExtension === 'mov' ? 'quicktime' : byExtension}`];
	}
	return (
		imageTypeFromMime(contentType) ??
		imageTypeFromMime(byExtension ? `image/${byExtension === 'jpg' ? 'jpeg' : byExtension}` : undefined) ?? {
			mimeType: 'application/octet-stream',
			extension: 'bin',
		}
	);
}

/**
 * Downloads a result file from Fotor's CDN into n8n's binary store. Sends no credentials
 * (the CDN needs none, and the API key must never leave for another host). Reads are safe
 * to repeat, so server errors and broken connections are retried with backoff.
 */
export async function downloadToBinary(
	this: DownloadContext,
	url: string,
	fileNameBase: string,
	itemIndex: number,
	options: DownloadOptions = {},
): Promise<DownloadedBinary> {
	const signal = options.signal ?? executionCancelSignal(this);
	return await plainRequestWithRetries(this, {
		operation: 'download result',
		itemIndex,
		signal,
		maxAttempts: options.maxAttempts,
		attempt: async () => {
			// Streamed straight into n8n's binary store: a large result never sits in memory whole.
			const response = (await this.helpers.httpRequest({
				method: 'GET',
				url,
				headers: { 'User-Agent': USER_AGENT },
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
				abortSignal: signal,
			})) as { statusCode: number; headers: Record<string, string>; body: BinaryStream };
			if (response.statusCode >= 200 && response.statusCode < 300) {
				const type = resultType(response.headers['content-type'], url);
				const binary = await this.helpers.prepareBinaryData(response.body, `${fileNameBase}.${type.extension}`, type.mimeType);
				return { ok: true, value: { binary, type } };
			}
			response.body.destroy?.();
			return { ok: false, failure: statusFailure(response.statusCode) };
		},
		finalError: (failure) =>
			failure.httpStatus === 404 || failure.httpStatus === 410 || failure.httpStatus === 403
				? new NodeApiError(
						this.getNode(),
						{ message: 'Result file not available', httpStatus: failure.httpStatus },
						{
							message: `The result file is no longer available (HTTP ${failure.httpStatus})`,
							description:
								'Fotor result links expire. Run Task → Get with the task ID to get a fresh link, or download results right after the task completes.',
							httpCode: String(failure.httpStatus),
							itemIndex,
						},
					)
				: undefined,
	});
}
