/** The node-red rules, in id order. Each rule lives in its own file beside this one. */
import type { Rule } from '../../rule';
import execNode from './exec-node';
import functionChildProcess from './function-child-process';
import httpInEndpoint from './http-in-endpoint';
import mqttWithoutTls from './mqtt-without-tls';
import tlsVerificationDisabled from './tls-verification-disabled';

export const rules: Rule[] = [execNode, functionChildProcess, httpInEndpoint, mqttWithoutTls, tlsVerificationDisabled];
