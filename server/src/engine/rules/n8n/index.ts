/** The n8n rules. Each rule lives in its own file beside this one; add new ones to this list. */
import type { Rule } from '../../rule';
import webhookWithoutAuth from './webhook-without-auth';

export const rules: Rule[] = [webhookWithoutAuth];
