import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FotorClient } from './client/FotorClient';
import { sniffImageType, type ImageType } from './imageType';
import { DEFAULT_UPLOAD_TIMEOUT_MS } from './transport/constants';
import { InlineImage } from './transport/jsonBody';
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

/** A list of image inputs (0…n), each with its own source; see imageListProperties. */
export interface ImageListSpec {
	/** Parameter name of the list, e.g. "referenceImages". */
	key: string;
	/** Label of the list, e.g. "Reference Images". */
	label: string;
	/** Label of one entry's fields, e.g. "Image" gives "Image Source", "Image URL". */
	itemLabel: string;
	description?: string;
	/** Entries a new node starts with (default none). */
	initialEntries?: number;
}

export type ImageInput =
	| { kind: 'url'; url: string; name: string }
	/**
	 * Bytes held in the item (base64 text, or a binary not in a store). They are decoded and
	 * checked when the item is read, then let go: `load` decodes them again when the item is
	 * sent (from the text kept when it is small, see readBase64), so a run that reads every item
	 * first never holds every image at once.
	 */
	| { kind: 'bytes'; load: () => Promise<Buffer>; size: number; type: ImageType; name: string }
	/** A file in n8n's binary store (filesystem or database mode), read as a stream when sent. */
	| { kind: 'stored'; binaryId: string; size: number; type: ImageType; name: string };

/**
 * Where one image input's parameters live and how errors name its fields: at the top level of the
 * node, or inside one entry of an image list ("Reference Images → Image URL (#2)").
 */
interface ImageFieldPlace {
	/** Parameter name of a part, e.g. "Url" → "imageUrl" or "referenceImages.image[1].imageUrl". */
	parameter(part: 'Source' | 'Url' | 'BinaryProperty' | 'Base64'): string;
	/** The field as messages name it, e.g. "URL" → "Image URL" or "Reference Images → Image URL (#2)". */
	field(part: string): string;
}

const topLevel = (spec: ImageFieldSpec): ImageFieldPlace => ({
	parameter: (part) => `${spec.key}${part}`,
	field: (part) => `${spec.label} ${part}`,
});

/** The group name of a list's entries: the values live at `${key}.${LIST_ENTRY}[i]`. */
const LIST_ENTRY = 'image';

const listEntry = (spec: ImageListSpec, index: number): ImageFieldPlace => ({
	parameter: (part) => `${spec.key}.${LIST_ENTRY}[${index}].${LIST_ENTRY}${part}`,
	field: (part) => `${spec.label} → ${spec.itemLabel} ${part} (#${index + 1})`,
});

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

/** A path segment decoded for a file name; a stray "%" (e.g. 50%off.jpg) keeps it as it is. */
const safeDecode = (segment: string) => {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
};

const baseName = (name: string) => name.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[^\w.-]+/g, '_').slice(0, 80) || 'image';

function readUrl(context: IExecuteFunctions, itemIndex: number, place: ImageFieldPlace): ImageInput {
	const field = place.field('URL');
	const raw = context.getNodeParameter(place.parameter('Url'), itemIndex, '') as unknown;
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
			`Fotor only downloads http(s) links. For a file in n8n, set "${place.field('Source')}" to Binary File; for base64 data, to Base64.`,
		);
	}
	const last = url.pathname.split('/').filter(Boolean).pop() ?? 'image';
	return { kind: 'url', url: url.toString(), name: baseName(safeDecode(last)) };
}

async function readBinary(context: IExecuteFunctions, itemIndex: number, place: ImageFieldPlace): Promise<ImageInput> {
	const field = place.field('Input Binary Field');
	const raw = context.getNodeParameter(place.parameter('BinaryProperty'), itemIndex, 'data') as unknown;
	const { binary, reference } = locateBinary(context, itemIndex, field, raw);
	const name = baseName(binary.fileName ?? 'image');
	if (!binary.id) {
		const load = async () => await context.helpers.getBinaryDataBuffer(itemIndex, reference);
		const data = await load();
		return { kind: 'bytes', load, size: data.length, type: checkImageBytes(context, itemIndex, field, data), name };
	}
	// Stored file: check its size and first bytes without loading it into memory.
	const { fileSize } = await context.helpers.getBinaryMetadata(binary.id);
	const head = await firstChunk(await context.helpers.getBinaryStream(binary.id, 64 * 1024));
	const type = checkImageBytes(context, itemIndex, field, head, fileSize);
	return { kind: 'stored', binaryId: binary.id, size: fileSize, type, name };
}

const isBinaryObject = (value: unknown): value is IBinaryData =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as IBinaryData).mimeType === 'string' &&
	(typeof (value as IBinaryData).data === 'string' || typeof (value as IBinaryData).id === 'string');

/**
 * Finds the binary data an image input names, only through n8n's helpers, which know where it is
 * (the item's binary, or json._files when the workflow's Binary Mode is "combined"), so the node
 * never reads items[i].binary itself. Accepts a field name (in combined mode also the name under
 * _files) or, where the n8n version's helper takes one, a binary object from an expression.
 */
function locateBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
): { binary: IBinaryData; reference: string | IBinaryData } {
	if (isBinaryObject(raw)) {
		try {
			return { binary: context.helpers.assertBinaryData(itemIndex, raw), reference: raw };
		} catch {
			throw invalidField(context, itemIndex, field, 'the expression gave a binary object, which this n8n version cannot read', 'Enter the field name instead, such as data.');
		}
	}
	if (typeof raw !== 'string') {
		const what = raw === null ? 'null' : typeof raw === 'object' ? 'an object that is not binary data' : `a ${typeof raw}`;
		throw invalidField(context, itemIndex, field, `it must be the name of a binary field, but the expression gave ${what}`, 'Enter the field name, such as data.');
	}
	const property = raw.trim();
	if (!property) throw invalidField(context, itemIndex, field, 'it is empty', 'Enter the name of the binary field that holds the image, such as data.');
	for (const candidate of [property, `_files.${property}`]) {
		try {
			return { binary: context.helpers.assertBinaryData(itemIndex, candidate), reference: candidate };
		} catch {
			// not there: try the next place, then report
		}
	}
	// With the workflow setting Binary Mode "combined", n8n keeps files in json._files instead.
	const item = context.getInputData()[itemIndex];
	const combined = item?.json?._files;
	const present = [
		...Object.keys(item?.binary ?? {}),
		...(combined && typeof combined === 'object' && !Array.isArray(combined) ? Object.keys(combined).map((name) => `_files.${name}`) : []),
	];
	throw invalidField(
		context,
		itemIndex,
		field,
		`the item has no binary field "${property}"`,
		present.length ? `Binary fields on this item: ${present.join(', ')}.` : 'This item has no binary data under that name. Read or download the image first.',
	);
}

/** The first chunk of a stream; leaving the loop early closes the stream. */
async function firstChunk(stream: AsyncIterable<unknown>): Promise<Buffer> {
	for await (const chunk of stream) return Buffer.from(chunk as Uint8Array);
	return Buffer.alloc(0);
}

/**
 * Base64 text small enough to keep from the check until the item is sent. Reading the field again
 * evaluates its expression again, which on n8n 2.x means a run in the expression sandbox (about
 * 10 ms of CPU per item under load); larger texts are read again instead, so a run never holds
 * more than KEPT_BASE64_PER_RUN of them while its items wait for task slots.
 */
const KEPT_BASE64_PER_TEXT = 1024 * 1024;
const KEPT_BASE64_PER_RUN = 16 * 1024 * 1024;
/** Characters of base64 text kept so far, per node run (its execute context). */
const keptBase64 = new WeakMap<object, number>();

function readBase64(context: IExecuteFunctions, itemIndex: number, place: ImageFieldPlace): ImageInput {
	const field = place.field('Base64');
	const readPayload = (): string => {
		const raw = context.getNodeParameter(place.parameter('Base64'), itemIndex, '') as unknown;
		const text = typeof raw === 'string' ? raw.trim() : '';
		if (!text) throw invalidField(context, itemIndex, field, 'it is empty');
		const payload = text.replace(/^data:[^;,]*;base64,/i, '').replace(/\s+/g, '');
		if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(payload)) {
			throw invalidField(context, itemIndex, field, 'it is not base64 text', 'Paste base64 data or a data:image/png;base64,... URI.');
		}
		return payload;
	};
	const payload = readPayload();
	const data = Buffer.from(payload, 'base64');
	const type = checkImageBytes(context, itemIndex, field, data);
	const load = loadFromKeptText(context, payload) ?? (async () => Buffer.from(readPayload(), 'base64'));
	return { kind: 'bytes', load, size: data.length, type, name: 'image' };
}

/**
 * Loads the image from its text when the text may be kept (see KEPT_BASE64_PER_TEXT), else
 * undefined. A function of its own on purpose: a closure over `payload` inside readBase64 would
 * keep the text alive for every closure made there, the re-reading `load` included.
 */
function loadFromKeptText(run: object, payload: string): (() => Promise<Buffer>) | undefined {
	const kept = keptBase64.get(run) ?? 0;
	if (payload.length > KEPT_BASE64_PER_TEXT || kept + payload.length > KEPT_BASE64_PER_RUN) return undefined;
	keptBase64.set(run, kept + payload.length);
	return async () => Buffer.from(payload, 'base64');
}

/** Reads and checks one image input. Runs before anything is sent, so a bad input never costs a token. */
export async function readImageInput(
	this: IExecuteFunctions,
	itemIndex: number,
	spec: ImageFieldSpec,
): Promise<ImageInput> {
	return await readImageAt(this, itemIndex, topLevel(spec));
}

async function readImageAt(context: IExecuteFunctions, itemIndex: number, place: ImageFieldPlace): Promise<ImageInput> {
	const source = context.getNodeParameter(place.parameter('Source'), itemIndex, 'url') as ImageSource;
	if (source === 'url') return readUrl(context, itemIndex, place);
	if (source === 'binary') return await readBinary(context, itemIndex, place);
	if (source === 'base64') return readBase64(context, itemIndex, place);
	throw invalidField(context, itemIndex, place.field('Source'), `"${String(source)}" is not a valid choice`, 'Use URL, Binary File or Base64.');
}

/**
 * The editor field for a list of 0…n images: one entry per image, each with the same Source /
 * URL / Binary File / Base64 fields as a single image input.
 */
export function imageListProperties(spec: ImageListSpec): INodeProperties {
	const emptyEntry = { [`${LIST_ENTRY}Source`]: 'url', [`${LIST_ENTRY}Url`]: '' };
	const initialEntries = spec.initialEntries ? { [LIST_ENTRY]: Array.from({ length: spec.initialEntries }, () => ({ ...emptyEntry })) } : {};
	return {
		displayName: spec.label,
		name: spec.key,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: `Add ${spec.itemLabel}`,
		default: { ...initialEntries },
		description: spec.description,
		options: [
			{
				displayName: spec.itemLabel,
				name: LIST_ENTRY,
				values: imageInputProperties({ key: LIST_ENTRY, label: spec.itemLabel }),
			},
		],
	};
}

/** Reads and checks every image of a list, in order (each one as readImageInput checks a single image). */
export async function readImageList(this: IExecuteFunctions, itemIndex: number, spec: ImageListSpec): Promise<ImageInput[]> {
	const entries = this.getNodeParameter(`${spec.key}.${LIST_ENTRY}`, itemIndex, []) as unknown;
	if (!Array.isArray(entries)) {
		throw invalidField(this, itemIndex, spec.label, 'it is not a list of images', `Add each image with "Add ${spec.itemLabel}".`);
	}
	const images: ImageInput[] = [];
	for (let index = 0; index < entries.length; index++) images.push(await readImageAt(this, itemIndex, listEntry(spec, index)));
	return images;
}

/** What Fotor gets in an image field: a URL, or an image the transport writes in as a data URI. */
export type FotorImageValue = string | InlineImage;

/**
 * The value Fotor gets in the image field: the URL itself, an inline data URI (encoded when the
 * request is sent), or the URL of a signed upload to Fotor's storage (GET /v1/upload/sign, then
 * PUT the bytes; no token cost).
 */
async function toFotorImage(
	this: IExecuteFunctions,
	client: FotorClient,
	input: ImageInput,
	options: { mode: ImageUploadMode; uploadType: string; itemIndex: number },
): Promise<FotorImageValue> {
	if (input.kind === 'url') return input.url;
	if (options.mode === 'dataUri') {
		const { helpers } = this;
		const read =
			input.kind === 'bytes'
				? input.load
				: async () => (await helpers.getBinaryStream(input.binaryId)) as AsyncIterable<Uint8Array>;
		return new InlineImage(input.type.mimeType, input.size, read);
	}
	const signed = await client.request({
		method: 'GET',
		path: '/v1/upload/sign',
		qs: { type: options.uploadType, suffix: input.type.extension },
		itemIndex: options.itemIndex,
	});
	const uploadUrl = signedUrl(signed.upload_url);
	const url = signedUrl(signed.url);
	if (!uploadUrl || !url) {
		throw invalidField(
			this,
			options.itemIndex,
			'Image Upload',
			`Fotor's signed-upload reply (GET /v1/upload/sign) has no ${uploadUrl ? '"url"' : '"upload_url"'}`,
			'Nothing was submitted for this item. Use Image Upload → Inline Data URI, or try again later.',
		);
	}
	await putToSignedUrl(this, client, uploadUrl, input, options.itemIndex);
	return url;
}

/** An http(s) URL from the sign reply, else undefined (never the text "undefined" in a billable submit). */
function signedUrl(value: unknown): string | undefined {
	return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value.trim()) ? value.trim() : undefined;
}

/** toFotorImage for several images, in order (each signed upload finishes before the next starts). */
export async function toFotorImages(
	this: IExecuteFunctions,
	client: FotorClient,
	inputs: ImageInput[],
	options: { mode: ImageUploadMode; uploadType: string; itemIndex: number },
): Promise<FotorImageValue[]> {
	const urls: FotorImageValue[] = [];
	for (const input of inputs) urls.push(await toFotorImage.call(this, client, input, options));
	return urls;
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
				body: input.kind === 'bytes' ? await input.load() : await context.helpers.getBinaryStream(input.binaryId),
				headers: {
					'Content-Type': input.type.mimeType,
					'Content-Length': String(input.size),
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
