/** The node-red rules, in id order. Each rule lives in its own file beside this one. */
import type { Rule } from '../../rule';
import debugCompleteMessage from './debug-complete-message';
import envSecretAsString from './env-secret-as-string';
import execNode from './exec-node';
import filePathFromMessage from './file-path-from-message';
import functionChildProcess from './function-child-process';
import httpInEndpoint from './http-in-endpoint';
import httpRequestInsecureParser from './http-request-insecure-parser';
import mqttWithoutTls from './mqtt-without-tls';
import noCatchNode from './no-catch-node';
import plaintextCredentialsFile from './plaintext-credentials-file';
import sqlInjection from './sql-injection';
import storedCredentialsFromNetwork from './stored-credentials-from-network';
import tlsVerificationDisabled from './tls-verification-disabled';
import unusedConfigNode from './unused-config-node';
import websocketEndpoint from './websocket-endpoint';

export const rules: Rule[] = [
  debugCompleteMessage,
  envSecretAsString,
  execNode,
  filePathFromMessage,
  functionChildProcess,
  httpInEndpoint,
  httpRequestInsecureParser,
  mqttWithoutTls,
  noCatchNode,
  plaintextCredentialsFile,
  sqlInjection,
  storedCredentialsFromNetwork,
  tlsVerificationDisabled,
  unusedConfigNode,
  websocketEndpoint,
];
