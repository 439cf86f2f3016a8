/** The wdl rules, in id order. Each rule lives in its own file beside this one (`wdl-util.ts` holds shared helpers). */
import type { Rule } from '../../rule';
import requestTriggerWithoutAuth from './request-trigger-without-auth';
import secretParameterNotSecure from './secret-parameter-not-secure';
import secureDataMissing from './secure-data-missing';

export const rules: Rule[] = [requestTriggerWithoutAuth, secretParameterNotSecure, secureDataMissing];
