/**
 * The logic-apps-only rules, in id order (rules shared by Power Automate and Logic Apps live in ../wdl). One file per
 * rule beside this one; `la-util.ts` holds shared helpers.
 */
import type { Rule } from '../../rule';
import connectionsLiteralKey from './connections-literal-key';
import diagnosticsNotConfigured from './diagnostics-not-configured';
import httpWithoutManagedIdentity from './http-without-managed-identity';
import identityPrivilegedRole from './identity-privileged-role';
import inlineCode from './inline-code';
import localSettingsInTree from './local-settings-in-tree';
import requestTriggerWithoutSchemaValidation from './request-trigger-without-schema-validation';
import runHistoryOpen from './run-history-open';
import sqlBuiltFromExpression from './sql-built-from-expression';

export const rules: Rule[] = [
  connectionsLiteralKey,
  diagnosticsNotConfigured,
  httpWithoutManagedIdentity,
  identityPrivilegedRole,
  inlineCode,
  localSettingsInTree,
  requestTriggerWithoutSchemaValidation,
  runHistoryOpen,
  sqlBuiltFromExpression,
];
