export interface SimulatorOptions {
	/** 0 = a free port. */
	port?: number;
	/** Accepted Bearer keys. */
	apiKeys?: string[];
	/** How long a task stays in status 0. */
	taskDurationMs?: number;
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
	quiet?: boolean;
}

export type FaultKind =
	| 'http429'
	| 'http500'
	| 'http502'
	| 'http503'
	| 'http404'
	| 'resetBeforeProcessing'
	| 'resetAfterProcessing'
	| 'slow'
	| 'malformedJson'
	| 'htmlError'
	| 'cloudflare1010'
	| 'code510'
	| 'code999';

export type FaultRoute = 'submit' | 'task' | 'credits' | 'tempToken' | 'uploadSign' | 'uploadPut' | 'download' | 'any';

export interface FaultSpec {
	route: FaultRoute;
	/** For submits: the tool path segment, e.g. "imgupscale". */
	endpoint?: string;
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
	match?: string;
	times?: number;
	status: 1 | 2 | 3 | 4;
	msg?: string;
	hasHsfw?: boolean;
	durationMs?: number;
}

export interface SubmitRecord {
	endpoint: string;
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

export interface ResultFile {
	path: string;
	bytes: Buffer;
	contentType: string;
}

export interface TaskRecord {
	taskId: string;
	apiKey: string;
	endpoint: string;
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
