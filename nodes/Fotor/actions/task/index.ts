import type { FotorResource } from '../types';
import { get } from './get.operation';

export const task: FotorResource = { value: 'task', name: 'Task', operations: [get] };
