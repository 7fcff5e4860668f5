import type { FotorResource } from '../types';
import { getTemporaryToken } from './getTemporaryToken.operation';

export const editorSdk: FotorResource = { value: 'editorSdk', name: 'Editor SDK', operations: [getTemporaryToken] };
