import type { FotorResource } from '../types';
import { getCredits } from './getCredits.operation';

export const account: FotorResource = { value: 'account', name: 'Account', operations: [getCredits] };
