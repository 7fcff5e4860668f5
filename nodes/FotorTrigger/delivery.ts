import type { IDataObject } from 'n8n-workflow';

/** Largest webhook body accepted; Fotor's task payloads are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type DeliveryCheck = { ok: true; data: IDataObject } | { ok: false; status: number; error: string };

/**
 * Checks that a request is a plausible Fotor task delivery: JSON, small, an object with a
 * taskId and a status from 0 to 4. Pure, so every malformed shape is unit-tested.
 */
export function checkDelivery(contentType: string | undefined, rawLength: number | undefined, body: unknown): DeliveryCheck {
	if (rawLength !== undefined && rawLength > MAX_BODY_BYTES) {
		return { ok: false, status: 413, error: `Payload larger than ${MAX_BODY_BYTES} bytes` };
	}
	if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType ?? '')) {
		return { ok: false, status: 415, error: 'Content-Type must be application/json' };
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, status: 400, error: 'Body must be a JSON object' };
	}
	const data = body as IDataObject;
	if (typeof data.taskId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(data.taskId)) {
		return { ok: false, status: 400, error: 'taskId is missing or invalid' };
	}
	const status = typeof data.status === 'string' && data.status.trim() !== '' ? Number(data.status) : data.status;
	if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 4) {
		return { ok: false, status: 400, error: 'status must be an integer from 0 to 4' };
	}
	return { ok: true, data: { ...data, status } };
}
