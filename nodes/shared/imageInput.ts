import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FotorClient } from './client/FotorClient';
import { sniffImageType, type ImageType } from './imageType';
import { DEFAULT_UPLOAD_TIMEOUT_MS } from './transport/constants';
import { plainRequestWithRetries, statusFailure } from './transport/plainRequest';
import { invalidField } from './validation';

/** Largest image the node sends (Fotor documents no limit; this keeps JSON bodies sane). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export type ImageSource = 'binary' | 'base64' | 'url';
/** How binary and base64 images reach Fotor. */
export type ImageUploadMode = 'dataUri' | 'signedUpload';

export interface ImageFieldSpec {
	/** Parameter name prefix, e.g. "image" gives imageSource, imageUrl, imageBinaryProperty, imageBase64. */
	key: string;
	/** Label shown in the editor, e.g. "Image" or "Mask". */
	label: string;
	description?: string;
}

export type ImageInput =
	| { kind: 'url'; url: string; name: string }
	| { kind: 'bytes'; data: Buffer; type: ImageType; name: string }
	/** A file in n8n's binary store (filesystem or database mode), read as a stream when sent. */
	| { kind: 'stored'; binaryId: string; size: number; type: ImageType; name: string };

/** The editor fields for one image input: where it comes from, then the matching value. */
export function imageInputProperties(spec: ImageFieldSpec): INodeProperties[] {
	const show = (source: ImageSource) => ({ show: { [`${spec.key}Source`]: [source] } });
	return [
		{
			displayName: `${spec.label} Source`,
			name: `${spec.key}Source`,
			type: 'options',
			default: 'url',
			description: spec.description ?? `Where the ${spec.label.toLowerCase()} comes from`,
			options: [
				{ name: 'Base64', value: 'base64', description: 'Base64 text or a data:image/...;base64, URI' },
				{ name: 'Binary File', value: 'binary', description: 'A file in a binary property of the input item' },
				{ name: 'URL', value: 'url', description: 'A public http(s) link Fotor can download' },
			],
		},
		{
			// The fields below are not `required`: when the source is an expression n8n shows all three
			// and would refuse to run. readImageInput checks the one in use, naming the item and field.
			displayName: `${spec.label} URL`,
			name: `${spec.key}Url`,
			type: 'string',
			default: '',
			placeholder: 'https://example.com/photo.jpg',
			description: 'Public http(s) URL of the image. Fotor downloads it, so it must be reachable from the internet.',
			displayOptions: show('url'),
		},
		{
			displayName: `${spec.label} Input Binary Field`,
			name: `${spec.key}BinaryProperty`,
			type: 'string',
			default: 'data',
			hint: 'The name of the input binary field that holds the image (PNG, JPEG, WEBP or GIF)',
			displayOptions: show('binary'),
		},
		{
			displayName: `${spec.label} Base64`,
			name: `${spec.key}Base64`,
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description: 'Base64-encoded image, with or without a data:image/...;base64, prefix',
			displayOptions: show('base64'),
		},
	];
}

function checkImageBytes(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	data: Buffer,
	size = data.length,
): ImageType {
	if (size === 0) throw invalidField(context, itemIndex, field, 'the image is empty');
	if (size > MAX_IMAGE_BYTES) {
		throw invalidField(
			context,
			itemIndex,
			field,
			`the image is ${(size / 1024 / 1024).toFixed(1)} MB`,
			`Images up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB are accepted. Resize it first (for example with the Edit Image node).`,
		);
	}
	const type = sniffImageType(data);
	if (!type) {
		throw invalidField(context, itemIndex, field, 'the data is not a PNG, JPEG, WEBP or GIF image');
	}
	return type;
}

const baseName = (name: string) => name.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[^\w.-]+/g, '_').slice(0, 80) || 'image';

function readUrl(context: IExecuteFunctions, itemIndex: number, spec: ImageFieldSpec): ImageInput {
	const field = `${spec.label} URL`;
	const raw = context.getNodeParameter(`${spec.key}Url`, itemIndex, '') as unknown;
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!text) throw invalidField(context, itemIndex, field, 'it is empty', 'Enter a public http(s) link to the image.');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw invalidField(context, itemIndex, field, `"${text.slice(0, 100)}" is not a URL`, 'Enter a full link such as https://example.com/photo.jpg.');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw invalidField(
			context,
			itemIndex,
			field,
			`the ${url.protocol} scheme is not supported`,
			`Fotor only downloads http(s) links. For a file in n8n, set "${spec.label} Source" to Binary File; for base64 data, to Base64.`,
		);
	}
	const last = url.pathname.split('/').filter(Boolean).pop() ?? 'image';
	return { kind: 'url', url: url.toString(), name: baseName(decodeURIComponent(last)) };
}

async function readBinary(context: IExecuteFunctions, itemIndex: number, spec: ImageFieldSpec): Promise<ImageInput> {
	const field = `${spec.label} Input Binary Field`;
	const raw = context.getNodeParameter(`${spec.key}BinaryProperty`, itemIndex, 'data') as unknown;
	if (typeof raw !== 'string') {
		throw invalidField(
			context,
			itemIndex,
			field,
			`it must be the name of a binary field, but the expression gave ${raw === null ? 'null' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`}`,
			'Enter the field name, such as data (not {{ $binary.data }}).',
		);
	}
	const property = raw.trim();
	if (!property) throw invalidField(context, itemIndex, field, 'it is empty', 'Enter the name of the binary field that holds the image, such as data.');
	// Only n8n's helpers know where the file is (the item's binary, or json._files when the
	// workflow's Binary Mode is "combined"), so the node never reads items[i].binary itself.
	let binary;
	try {
		binary = context.helpers.assertBinaryData(itemIndex, property);
	} catch {
		const present = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
		throw invalidField(
			context,
			itemIndex,
			field,
			`the item has no binary field "${property}"`,
			present.length ? `Binary fields on this item: ${present.join(', ')}.` : 'This item has no binary data under that name. Read or download the image first.',
		);
	}
	const name = baseName(binary.fileName ?? 'image');
	if (!binary.id) {
		const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
		return { kind: 'bytes', data, type: checkImageBytes(context, itemIndex, field, data), name };
	}
	// Stored file: check its size and first bytes without loading it into memory.
	const { fileSize } = await context.helpers.getBinaryMetadata(binary.id);
	const head = await firstChunk(await context.helpers.getBinaryStream(binary.id, 64 * 1024));
	const type = checkImageBytes(context, itemIndex, field, head, fileSize);
	return { kind: 'stored', binaryId: binary.id, size: fileSize, type, name };
}

/** The first chunk of a stream; leaving the loop early closes the stream. */
async function firstChunk(stream: AsyncIterable<unknown>): Promise<Buffer> {
	for await (const chunk of stream) return Buffer.from(chunk as Uint8Array);
	return Buffer.alloc(0);
}

function readBase64(context: IExecuteFunctions, itemIndex: number, spec: ImageFieldSpec): ImageInput {
	const field = `${spec.label} Base64`;
	const raw = context.getNodeParameter(`${spec.key}Base64`, itemIndex, '') as unknown;
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!text) throw invalidField(context, itemIndex, field, 'it is empty');
	const payload = text.replace(/^data:[^;,]*;base64,/i, '').replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(payload)) {
		throw invalidField(context, itemIndex, field, 'it is not base64 text', 'Paste base64 data or a data:image/png;base64,... URI.');
	}
	const data = Buffer.from(payload, 'base64');
	const type = checkImageBytes(context, itemIndex, field, data);
	return { kind: 'bytes', data, type, name: 'image' };
}

/** Reads and checks one image input. Runs before anything is sent, so a bad input never costs a token. */
export async function readImageInput(
	this: IExecuteFunctions,
	itemIndex: number,
	spec: ImageFieldSpec,
): Promise<ImageInput> {
	const source = this.getNodeParameter(`${spec.key}Source`, itemIndex, 'url') as ImageSource;
	if (source === 'url') return readUrl(this, itemIndex, spec);
	if (source === 'binary') return await readBinary(this, itemIndex, spec);
	if (source === 'base64') return readBase64(this, itemIndex, spec);
	throw invalidField(this, itemIndex, `${spec.label} Source`, `"${String(source)}" is not a valid choice`, 'Use URL, Binary File or Base64.');
}

/**
 * The string Fotor gets in the image field: the URL itself, a data URI, or the URL of a
 * signed upload to Fotor's storage (GET /v1/upload/sign, then PUT the bytes; no token cost).
 */
export async function toFotorImage(
	this: IExecuteFunctions,
	client: FotorClient,
	input: ImageInput,
	options: { mode: ImageUploadMode; uploadType: string; itemIndex: number },
): Promise<string> {
	if (input.kind === 'url') return input.url;
	if (options.mode === 'dataUri') {
		const data = input.kind === 'bytes' ? input.data : await this.helpers.binaryToBuffer(await this.helpers.getBinaryStream(input.binaryId));
		return `data:${input.type.mimeType};base64,${data.toString('base64')}`;
	}
	const signed = await client.request({
		method: 'GET',
		path: '/v1/upload/sign',
		qs: { type: options.uploadType, suffix: input.type.extension },
		itemIndex: options.itemIndex,
	});
	await putToSignedUrl(this, client, String(signed.upload_url), input, options.itemIndex);
	return String(signed.url);
}

/**
 * PUT of the bytes to the signed storage URL: no credentials (another host), the Request
 * Timeout option, the run's cancel signal, and retries (a PUT of the same bytes is safe to
 * repeat; a stored file is streamed afresh from n8n's binary store on every attempt).
 */
async function putToSignedUrl(
	context: IExecuteFunctions,
	client: FotorClient,
	url: string,
	input: Exclude<ImageInput, { kind: 'url' }>,
	itemIndex: number,
): Promise<void> {
	await plainRequestWithRetries(context, {
		operation: 'upload image (signed upload PUT)',
		itemIndex,
		signal: client.signal,
		attempt: async () => {
			const response = (await context.helpers.httpRequest({
				method: 'PUT',
				url,
				body: input.kind === 'bytes' ? input.data : await context.helpers.getBinaryStream(input.binaryId),
				headers: {
					'Content-Type': input.type.mimeType,
					'Content-Length': String(input.kind === 'bytes' ? input.data.length : input.size),
				},
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: client.requestTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS,
				abortSignal: client.signal,
			})) as { statusCode: number };
			return response.statusCode >= 200 && response.statusCode < 300
				? { ok: true, value: undefined }
				: { ok: false, failure: statusFailure(response.statusCode) };
		},
	});
}
