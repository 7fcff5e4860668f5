import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

/**
 * Input checks that run before any billable call. Every error names the item and the field
 * as the user sees it in the editor, and says what a valid value looks like. A trigger has no
 * items: without an index the message names only the field.
 */
export function invalidField(
	context: { getNode(): INode },
	itemIndex: number | undefined,
	field: string,
	problem: string,
	hint?: string,
): NodeOperationError {
	const where = itemIndex === undefined ? '' : ` in item ${itemIndex}`;
	return new NodeOperationError(context.getNode(), `Invalid "${field}"${where}: ${problem}`, {
		itemIndex,
		description: hint,
	});
}

/** A non-blank string parameter (expressions may produce numbers; those are accepted as text). */
export function requireText(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	hint?: string,
): string {
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!text) throw invalidField(context, itemIndex, field, 'it is empty', hint);
	return text;
}

/** Optional text: trimmed, or undefined when blank. */
export function optionalText(context: IExecuteFunctions, itemIndex: number, parameter: string): string | undefined {
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	return text || undefined;
}

/** A number within [min, max] (expressions may give strings; NaN and out-of-range are rejected). */
export function requireNumberInRange(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	range: { min: number; max: number; integer?: boolean; allowed?: number[] },
	fallback?: number,
): number {
	const value = context.getNodeParameter(parameter, itemIndex, fallback) as unknown;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const allowedText = range.allowed ? `one of ${range.allowed.join(', ')}` : `a number from ${range.min} to ${range.max}`;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw invalidField(context, itemIndex, field, `"${String(value)}" is not a number`, `Use ${allowedText}.`);
	}
	if (range.allowed && !range.allowed.includes(number)) {
		throw invalidField(context, itemIndex, field, `${number} is not allowed`, `Use ${allowedText}.`);
	}
	if (number < range.min || number > range.max || (range.integer && !Number.isInteger(number))) {
		throw invalidField(
			context,
			itemIndex,
			field,
			`${number} is out of range`,
			`Use ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}.`,
		);
	}
	return number;
}

/** One of a fixed set of option values (guards expressions that bypass the dropdown). */
export function requireOption<T extends string>(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	allowed: readonly T[],
	fallback?: T,
): T {
	return checkOption(context, context.getNodeParameter(parameter, itemIndex, fallback), field, allowed, itemIndex);
}

/** A value that must be one of a field's choices (the Fotor Trigger reads its own, without items). */
export function checkOption<T extends string>(
	context: { getNode(): INode },
	value: unknown,
	field: string,
	allowed: readonly T[],
	itemIndex?: number,
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw invalidField(context, itemIndex, field, `"${String(value)}" is not a valid choice`, `Use one of: ${allowed.join(', ')}.`);
}

/** A switch value as expressions may give it: true/false, "true"/"false" (any case) or 1/0; else undefined. */
export function parseBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : undefined;
	if (text === 'true' || text === '1') return true;
	if (text === 'false' || text === '0') return false;
	return undefined;
}

/**
 * A boolean switch (see parseBoolean). Anything else is an error rather than a silent false, so a
 * typo in an expression never flips a paid option.
 */
export function requireBoolean(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	fallback: boolean,
): boolean {
	const value = context.getNodeParameter(parameter, itemIndex, fallback) as unknown;
	const parsed = parseBoolean(value);
	if (parsed === undefined) {
		throw invalidField(context, itemIndex, field, `"${String(value)}" is not true or false`, 'Use true or false (an expression may also give "true", "false", 1 or 0).');
	}
	return parsed;
}
