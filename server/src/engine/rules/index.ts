/** The rule registry: every rule the engine runs. */
import type { Rule } from '../rule';
import { rules as common } from './common';
import { rules as n8n } from './n8n';
import { rules as nodeRed } from './node-red';
import { rules as wdl } from './wdl';
import { rules as powerAutomate } from './power-automate';
import { rules as logicApps } from './logic-apps';

/** All rules, sorted by id. Ids are unique (checked by a test). */
export const allRules: readonly Rule[] = [...common, ...n8n, ...nodeRed, ...wdl, ...powerAutomate, ...logicApps].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Rule by id. */
export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));
