/** The rule registry: every rule the engine runs. */
import type { Rule } from '../rule';
import { rules as common } from './common';
import { rules as n8n } from './n8n';
import { rules as nodeRed } from './node-red';
import { rules as wdl } from './wdl';
import { rules as powerAutomate } from './power-automate';
import { rules as logicApps } from './logic-apps';

/**
 * All rules, sorted by id. Ids are unique (checked by a test). Ids are `[a-z0-9/-]`, so code-unit order is the order
 * `localeCompare` gives (punctuation before digits before letters, `-` before `/`), without loading ICU collation at
 * start-up (its first use costs tens of milliseconds).
 */
export const allRules: readonly Rule[] = [...common, ...n8n, ...nodeRed, ...wdl, ...powerAutomate, ...logicApps].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

/** Rule by id. */
export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));
