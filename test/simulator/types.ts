/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import type { Readable } from 'node:stream';

export interface SimulatorOptions {
	/** 0 = a free port. */
	port?: number;
	/** Accepted Bearer keys. */
	apiKeys?: string[];
	/** How long a task stays in status 0. */
	taskDurationMs?: number;
	/** How long an image generation task (imagegeneration/{model}) stays in status 0; unset or null = taskDurationMs. */
	imageGenerationDurationMs?: number | null;
	/** How long a video task ({text2video|img2video|startend2video|character2video}/{model}) stays in status 0; unset or null = taskDurationMs. */
	videoDurationMs?: number | null;
	/** Video results are padded to this many bytes (streamed, never held in memory); 0 = the natural size, a few KB. */
	videoBytes?: number;
	credits?: { total: number; remaining: number };
	/** Account-level webhook (loopback only): task data is POSTed here when a task ends. */
	webhookUrl?: string;
	/** Rate limit: unfinished tasks per key; beyond it submits get 429 + Retry-After. 0 = off. */
	maxInFlightPerKey?: number;
	retryAfterSeconds?: number;
	/** Pad every PNG result to at least this many bytes (benchmarks). */
	resultMinBytes?: number;
	/** Long side of Text to Image results. */
	textToImageSize?: number;
	/** Envelope code of 400 validation errors (Fotor documents none). */
	validationCode?: string;
	/** Token prices: the first matching rule sets a task's charge; unmatched tasks keep the built-in prices. */
	prices?: PriceRule[];
	quiet?: boolean;
}

/** Options once defaults are applied; the per-kind task durations stay optional (they fall back to taskDurationMs). */
export type ResolvedSimulatorOptions = Required<Omit<SimulatorOptions, KindDurations>> & Pick<SimulatorOptions, KindDurations>;
type KindDurations = 'imageGenerationDurationMs' | 'videoDurationMs';

/** A token price (see prices.ts): classic tools per result image, model-based tasks per task. */
export interface PriceRule {
	/** Tool path segment, e.g. "imgupscale", "imagegeneration", "text2video". */
	endpoint?: string;
	model?: string;
	/** Image generation: "WxH". */
	size?: string;
	/** Video: seconds. */
	duration?: number;
	/** Video: "720p", "1080p", … */
	resolution?: string;
	tokens: number;
}

export type FaultKind =
	| 'http429'
	| 'http500'
	| 'http502'
	| 'http503'
	| 'http400'
	| 'http404'
	| 'resetBeforeProcessing'
	| 'resetAfterProcessing'
	| 'slow'
	| 'malformedJson'
	| 'htmlError'
	| 'cloudflare1010'
	| 'code510'
	| 'code999';

export type FaultRoute = 'submit' | 'task' | 'credits' | 'paymentLinks' | 'tempToken' | 'uploadSign' | 'uploadPut' | 'download' | 'any';

export interface FaultSpec {
	route: FaultRoute;
	/** For submits: the tool path segment, e.g. "imgupscale", "imagegeneration", "text2video". */
	endpoint?: string;
	/** For model-based submits: only this model ID (exact). */
	model?: string;
	/** Only requests whose body or URL contains this text. */
	match?: string;
	kind: FaultKind;
	/** How many matching requests get the fault (default 1). */
	times?: number;
	retryAfter?: string;
	delayMs?: number;
}

export interface TaskOutcomeSpec {
	endpoint?: string;
	/** Only tasks of this model ID (exact). */
	model?: string;
	match?: string;
	times?: number;
	status: 1 | 2 | 3 | 4;
	msg?: string;
	hasHsfw?: boolean;
	durationMs?: number;
}

export interface SubmitRecord {
	/** Tool path segment: "imgupscale", …, "imagegeneration", "text2video", "img2video", "startend2video", "character2video". */
	endpoint: string;
	/** Request path, e.g. "/v1/aiart/text2video/kling-v3". */
	path: string;
	/** Model-based endpoints: the model ID from the path (decoded). */
	model?: string;
	/**
	 * Model-based endpoints: "text2image" or "image2image" (imagegeneration without or with image_url
	 * parts, the Fotor SDK's names), else the video mode (the endpoint segment).
	 */
	mode?: string;
	body: unknown;
	apiKey: string;
	accepted: boolean;
	httpStatus: number;
	taskId?: string;
	at: number;
}

export interface RequestRecord {
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
	at: number;
}

/** A result file held in memory (the classic tools' small pictures). */
export interface StoredResultFile {
	path: string;
	bytes: Buffer;
	contentType: string;
}

/** A result file produced anew for every download, so large results are never held (generated images, videos). */
export interface GeneratedResultFile {
	path: string;
	contentType: string;
	open: () => Promise<ResultBody>;
}

export interface ResultBody {
	/** Exact byte length of `stream` (sent as Content-Length). */
	size: number;
	stream: Readable;
}

export type ResultFile = StoredResultFile | GeneratedResultFile;

export interface TaskRecord {
	taskId: string;
	apiKey: string;
	endpoint: string;
	/** Model-based endpoints: the model ID. */
	model?: string;
	type: string;
	cost: number;
	createdAt: number;
	completesAt: number;
	outcome: { status: 1 | 2 | 3 | 4; msg?: string; hasHsfw?: boolean };
	/** Renders the result files when the task completes. */
	render: (taskId: string) => ResultFile[];
	status: 0 | 1 | 2 | 3 | 4;
	/** Set when the task has ended. */
	endedAt?: number;
	files: ResultFile[];
	avatarTemplates?: Array<{ templateId: string; num: number }>;
}

export interface WebhookDelivery {
	url: string;
	body: unknown;
	status?: number;
	error?: string;
	at: number;
}
