/** The common rules, in id order. Each rule lives in its own file beside this one. */
import type { Rule } from '../../rule';
import cleartextEndpoint from './cleartext-endpoint';
import hardcodedSecret from './hardcoded-secret';

export const rules: Rule[] = [cleartextEndpoint, hardcodedSecret];
