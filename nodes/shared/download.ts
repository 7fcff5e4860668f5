import {
	NodeApiError,
	sleep,
	type IBinaryData,
	type IExecuteFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { imageTypeFromMime, type ImageType } from './imageType';
import { executionCancelSignal } from './transport/cancelSignal';
import { classifyThrownError } from './transport/classifyError';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, USER_AGENT } from './transport/constants';
import { toNodeApiError } from './transport/errors';
import type { FotorFailure } from './transport/failure';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs } from './transport/retryPolicy';

export type DownloadContext = IExecuteFunctions | IWebhookFunctions;

export interface DownloadedBinary {
	binary: IBinaryData;
	type: ImageType;
}

type BinaryStream = Parameters<DownloadContext['helpers']['prepareBinaryData']>[0] & { destroy?: () => void };

/** The type of a streamed result: its Content-Type, else the extension in its URL. */
function resultType(contentType: string | undefined, url: string): ImageType {
	const byExtension = /\.(png|jpe?g|webp|gif)(?:$|[?#])/i.exec(url)?.[1].toLowerCase();
	return (
		imageTypeFromMime(contentType) ??
		imageTypeFromMime(byExtension ? `image/${byExtension === 'jpg' ? 'jpeg' : byExtension}` : undefined) ?? {
			mimeType: 'application/octet-stream',
			extension: 'bin',
		}
	);
}

function statusFailure(status: number): FotorFailure {
	return { kind: status >= 500 ? 'server' : status === 404 ? 'notFound' : 'badRequest', httpStatus: status };
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
): Promise<DownloadedBinary> {
	const signal = executionCancelSignal(this);
	const operation = 'download result';
	for (let attempt = 1; ; attempt++) {
		let failure: FotorFailure;
		try {
			// Streamed straight into n8n's binary store: a large result never sits in memory whole.
			const response = (await this.helpers.httpRequest({
				method: 'GET',
				url,
				headers: { 'User-Agent': USER_AGENT },
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: DEFAULT_DOWNLOAD_TIMEOUT_MS,
				abortSignal: signal,
			})) as { statusCode: number; headers: Record<string, string>; body: BinaryStream };
			if (response.statusCode >= 200 && response.statusCode < 300) {
				const type = resultType(response.headers['content-type'], url);
				const binary = await this.helpers.prepareBinaryData(
					response.body,
					`${fileNameBase}.${type.extension}`,
					type.mimeType,
				);
				return { binary, type };
			}
			response.body.destroy?.();
			failure = statusFailure(response.statusCode);
		} catch (error) {
			failure = classifyThrownError(error, signal);
		}
		if (failure.httpStatus === 404 || failure.httpStatus === 410 || failure.httpStatus === 403) {
			throw new NodeApiError(
				this.getNode(),
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
		if (!isRetryable(failure, false) || attempt > DEFAULT_RETRY_POLICY.maxRetries || signal?.aborted) {
			throw toNodeApiError(this.getNode(), failure, {
				itemIndex,
				operation,
				billable: false,
				attempts: attempt,
				secrets: [],
			});
		}
		await sleep(retryDelayMs(attempt - 1, DEFAULT_RETRY_POLICY), signal);
	}
}
