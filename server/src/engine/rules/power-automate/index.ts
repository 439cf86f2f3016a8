/** The power-automate-only rules (rules shared by Power Automate and Logic Apps live in ../wdl), in id order. One file per rule beside this one (`pa-util.ts` holds shared helpers). */
import type { Rule } from '../../rule';
import customConnector from './custom-connector';
import embeddedConnection from './embedded-connection';
import mailToConsumerDomain from './mail-to-consumer-domain';
import noFailureHandling from './no-failure-handling';
import rawConnectionId from './raw-connection-id';
import sqlBuiltFromExpression from './sql-built-from-expression';
import userModeNoAllowedUsers from './user-mode-no-allowed-users';

export const rules: Rule[] = [customConnector, embeddedConnection, mailToConsumerDomain, noFailureHandling, rawConnectionId, sqlBuiltFromExpression, userModeNoAllowedUsers];
