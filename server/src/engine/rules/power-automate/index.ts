/** The power-automate-only rules (rules shared by Power Automate and Logic Apps live in ../wdl). One file per rule beside this one. */
import type { Rule } from '../../rule';

export const rules: Rule[] = [];
