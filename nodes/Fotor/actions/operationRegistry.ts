import { account } from './account';
import { editorSdk } from './editorSdk';
import { image } from './image';
import { task } from './task';
import { video } from './video';
import type { FotorOperation, FotorResource } from './types';

/** Every resource of the Fotor node; the dropdown lists them by name. */
export const resources: FotorResource[] = [account, editorSdk, image, task, video];

export function findOperation(resource: string, operation: string): FotorOperation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}
