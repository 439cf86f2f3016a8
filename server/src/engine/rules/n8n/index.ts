/** The n8n rules. Each rule lives in its own file beside this one; add new ones to this list. */
import type { Rule } from '../../rule';
import callerPolicyAny from './caller-policy-any';
import commandInjection from './command-injection';
import sqlInjection from './sql-injection';
import tlsVerificationDisabled from './tls-verification-disabled';
import webhookWithoutAuth from './webhook-without-auth';

export const rules: Rule[] = [callerPolicyAny, commandInjection, sqlInjection, tlsVerificationDisabled, webhookWithoutAuth];
