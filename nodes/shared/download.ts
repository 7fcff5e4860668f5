import {
	NodeApiError,
	type IBinaryData,
	type IExecuteFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { imageTypeFromMime, type ImageType } from './imageType';
import { executionCancelSignal } from './transport/cancelSignal';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, USER_AGENT } from './transport/constants';
import { classifyThrownError } from './transport/classifyError';
import type { FotorFailure } from './transport/failure';
import { plainRequestWithRetries, statusFailure, type AttemptResult } from './transport/plainRequest';

export type DownloadContext = IExecuteFunctions | IWebhookFunctions;

export interface DownloadedBinary {
	binary: IBinaryData;
	type: ImageType;
}

export interface DownloadOptions {
	/** Attempts in all; the Fotor Trigger uses 1 so it can acknowledge promptly. */
	maxAttempts?: number;
	timeoutMs?: number;
	/** A limit on the whole download (timeoutMs only bounds silence on the connection). */
	totalTimeoutMs?: number;
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

/** Fotor result links expire: a clear, final error instead of retries. */
function expiredLink(context: DownloadContext, failure: FotorFailure, itemIndex: number): NodeApiError | undefined {
	if (failure.httpStatus !== 404 && failure.httpStatus !== 410 && failure.httpStatus !== 403) return undefined;
	return new NodeApiError(
		context.getNode(),
		{ message: 'Result file not available', httpStatus: failure.httpStatus },
		{
			message: `The result file is no longer available (HTTP ${failure.httpStatus})`,
			description:
				'Fotor result links expire. Run Task → Get with the task ID to get a fresh link, or download results right after the task completes.',
			httpCode: String(failure.httpStatus),
			itemIndex,
		},
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
	const cancel = options.signal ?? executionCancelSignal(this);
	const deadline = options.totalTimeoutMs !== undefined && typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(options.totalTimeoutMs) : undefined;
	const signal = deadline && typeof AbortSignal.any === 'function' ? AbortSignal.any(cancel ? [cancel, deadline] : [deadline]) : cancel;
	const downloadOnce = async (): Promise<AttemptResult<DownloadedBinary>> => {
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
	};
	return await plainRequestWithRetries(this, {
		operation: 'download result',
		itemIndex,
		signal: cancel,
		maxAttempts: options.maxAttempts,
		attempt: async () => {
			try {
				return await downloadOnce();
			} catch (error) {
				// The whole-download limit ran out: a timeout, not a cancellation.
				return { ok: false, failure: deadline?.aborted ? { kind: 'timeout' } : classifyThrownError(error, cancel) };
			}
		},
		finalError: (failure) => expiredLink(this, failure, itemIndex),
	});
}
