/** The common rules, in id order. Each rule lives in its own file beside this one. */
import type { Rule } from '../../rule';

export const rules: Rule[] = [];
