import type { INodeProperties } from 'n8n-workflow';

/** Output fields shared by every operation that can return result images, and by the trigger. */
export const returnModeField: INodeProperties = {
	displayName: 'Return',
	name: 'returnMode',
	type: 'options',
	default: 'both',
	description: 'What each output item carries about the result image',
	options: [
		{ name: 'File and URL', value: 'both', description: 'Download the image into binary data and keep its URL' },
		{ name: 'File Only', value: 'binary', description: 'Download the image into binary data' },
		{ name: 'URL Only', value: 'url', description: 'Only the result URL; nothing is downloaded' },
	],
};

/** The values of returnModeField, for checking what an expression gave. */
export const RETURN_MODES = ['both', 'binary', 'url'] as const;

/** The output binary field name as entered; blank means the default "data". */
export const binaryPropertyNameFrom = (value: unknown): string => String(value ?? '').trim() || 'data';

export const binaryPropertyNameField: INodeProperties = {
	displayName: 'Output Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	description: 'Name of the binary field the result image is written to',
};
