/** The n8n rules. Each rule lives in its own file beside this one; add new ones to this list. */
import type { Rule } from '../../rule';
import callerPolicyAny from './caller-policy-any';
import codeNodeDangerousApi from './code-node-dangerous-api';
import commandInjection from './command-injection';
import communityNode from './community-node';
import decryptedCredentialsExport from './decrypted-credentials-export';
import disabledNodeWithCredentials from './disabled-node-with-credentials';
import executionDataRetention from './execution-data-retention';
import hardcodedCredentialInRequest from './hardcoded-credential-in-request';
import noErrorWorkflow from './no-error-workflow';
import pinnedDataCommitted from './pinned-data-committed';
import sqlInjection from './sql-injection';
import ssrfUrlFromInput from './ssrf-url-from-input';
import systemAccessNode from './system-access-node';
import tlsVerificationDisabled from './tls-verification-disabled';
import unauthenticatedTriggerUsesCredentials from './unauthenticated-trigger-uses-credentials';
import webhookWithoutAuth from './webhook-without-auth';

export const rules: Rule[] = [
  callerPolicyAny,
  codeNodeDangerousApi,
  commandInjection,
  communityNode,
  decryptedCredentialsExport,
  disabledNodeWithCredentials,
  executionDataRetention,
  hardcodedCredentialInRequest,
  noErrorWorkflow,
  pinnedDataCommitted,
  sqlInjection,
  ssrfUrlFromInput,
  systemAccessNode,
  tlsVerificationDisabled,
  unauthenticatedTriggerUsesCredentials,
  webhookWithoutAuth,
];
