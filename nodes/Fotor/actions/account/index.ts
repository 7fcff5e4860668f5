import type { FotorResource } from '../types';
import { getCredits } from './getCredits.operation';
import { getRechargeLinks } from './getRechargeLinks.operation';

export const account: FotorResource = { value: 'account', name: 'Account', operations: [getCredits, getRechargeLinks] };
