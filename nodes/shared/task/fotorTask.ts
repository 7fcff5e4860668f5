import type { IDataObject } from 'n8n-workflow';

import { FOTOR_S3_PREFIX } from '../transport/constants';

/** Task status codes as Fotor sends them (3 and 4 appear in Fotor's own client enums). */
export const TASK_STATUS: Record<number, FotorTaskState> = {
	0: 'processing',
	1: 'completed',
	2: 'failed',
	3: 'timedOut',
	4: 'cancelled',
};

export type FotorTaskState = 'processing' | 'completed' | 'failed' | 'timedOut' | 'cancelled' | 'unknown';

export interface FotorResultImage {
	url: string;
	templateId?: string;
	imageId?: string;
	hasHsfw?: boolean;
	/** Position in Fotor's result list, kept when flagged results are taken out (see withoutFlaggedResults). */
	position?: number;
}

/** A task as both nodes present it, whether it came from polling or from Fotor's webhook. */
export interface FotorTask {
	taskId: string;
	status: FotorTaskState;
	statusCode: number | null;
	type?: string;
	businessId?: string;
	/** Every result image, headshot images included, with s3:// links rewritten to https. */
	results: FotorResultImage[];
	hasHsfw: boolean;
	/** Results Fotor flagged as unsafe and that were taken out (see judgeTask). */
	flaggedResults?: Array<{ index: number; templateId?: string; imageId?: string }>;
	creditsIncrement?: number;
	failureReason?: string;
	createTime?: number;
	updateTime?: number;
	raw: IDataObject;
}

const asString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const asNumber = (value: unknown) => {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
};

/** Rewrites s3://img-pub-fotor/<path> to <storageBaseUrl>/<path>, as Fotor's own clients do. */
export function publicResultUrl(url: string, storageBaseUrl: string): string {
	return url.startsWith(FOTOR_S3_PREFIX) ? `${storageBaseUrl}/${url.slice(FOTOR_S3_PREFIX.length)}` : url;
}

function headshotImages(avatarResult: unknown, storageBaseUrl: string): FotorResultImage[] {
	if (!Array.isArray(avatarResult)) return [];
	const images: FotorResultImage[] = [];
	for (const group of avatarResult as IDataObject[]) {
		if (!group || !Array.isArray(group.images)) continue;
		for (const image of group.images as IDataObject[]) {
			const url = asString(image?.url);
			if (!url) continue;
			images.push({
				url: publicResultUrl(url, storageBaseUrl),
				templateId: asString(group.templateId),
				imageId: asString(image.id),
				...(typeof image.hasHsfw === 'boolean' && { hasHsfw: image.hasHsfw }),
			});
		}
	}
	return images;
}

/** Normalises Fotor's task `data` (task query or webhook payload). Tolerates missing fields. */
export function normalizeTask(data: unknown, storageBaseUrl: string): FotorTask {
	const raw = (typeof data === 'object' && data !== null ? data : {}) as IDataObject;
	const statusCode = asNumber(raw.status) ?? null;
	const resultUrl = asString(raw.resultUrl);
	const results = [
		...(resultUrl ? [{ url: publicResultUrl(resultUrl, storageBaseUrl) }] : []),
		...headshotImages(raw.avatarResult, storageBaseUrl),
	];
	return {
		taskId: asString(raw.taskId) ?? '',
		status: statusCode === null ? 'unknown' : (TASK_STATUS[statusCode] ?? 'unknown'),
		statusCode,
		type: asString(raw.type),
		businessId: asString(raw.businessId),
		results,
		hasHsfw: raw.hasHsfw === true || results.some((image) => image.hasHsfw === true),
		creditsIncrement: asNumber(raw.creditsIncrement),
		failureReason: asString(raw.msg) ?? asString(raw.message),
		createTime: asNumber(raw.createTime),
		updateTime: asNumber(raw.updateTime),
		raw,
	};
}

export const isTerminal = (task: FotorTask) => task.status !== 'processing';

/** The JSON every output item carries about its task (compact enough for AI agents). */
export function taskSummary(task: FotorTask): IDataObject {
	return {
		taskId: task.taskId,
		status: task.status,
		statusCode: task.statusCode,
		...(task.type !== undefined && { type: task.type }),
		...(task.businessId !== undefined && { businessId: task.businessId }),
		resultUrl: task.results[0]?.url ?? null,
		...(task.results.length > 1 && { resultUrls: task.results.map((image) => image.url) }),
		...(task.creditsIncrement !== undefined && { creditsIncrement: task.creditsIncrement }),
		...(task.failureReason !== undefined && task.status !== 'completed' && { failureReason: task.failureReason }),
		hasHsfw: task.hasHsfw,
		...(task.flaggedResults && { flaggedResults: task.flaggedResults as unknown as IDataObject[] }),
		...(task.createTime !== undefined && { createTime: task.createTime }),
		...(task.updateTime !== undefined && { updateTime: task.updateTime }),
	};
}
