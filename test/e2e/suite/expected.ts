/**
 * What the editor must show for each file of `samples/` (the workspace the launchers open is a fresh copy of it).
 *
 * Each entry lists findings that must appear, by rule code and exact range (0-based line and UTF-16 character, end
 * exclusive, as in LSP and `lowcode-guard scan --format json`). The check is "at least these": rules added later may
 * report more. The full set is compared with the CLI's JSON output in a separate step, so a finding whose range
 * moves in the engine shows up there and here. Taken from `lowcode-guard scan samples --format json`.
 */

/** One expected diagnostic: rule code and range `[startLine, startCharacter, endLine, endCharacter]`. */
export interface ExpectedFinding {
  code: string;
  range: [number, number, number, number];
}

/** Workspace-relative path (`/`-separated) → expected findings. An empty list means: no Low-Code Guard diagnostics. */
export const EXPECTED: Record<string, ExpectedFinding[]> = {
  'n8n/order-webhook.json': [
    { code: 'n8n/webhook-without-auth', range: [11, 14, 11, 38] },
    { code: 'n8n/sql-injection', range: [19, 17, 19, 82] },
    { code: 'common/cleartext-endpoint', range: [34, 16, 34, 39] },
    { code: 'common/hardcoded-secret', range: [40, 31, 40, 71] },
    { code: 'n8n/tls-verification-disabled', range: [45, 36, 45, 40] },
    { code: 'n8n/command-injection', range: [56, 19, 56, 76] },
    { code: 'n8n/caller-policy-any', range: [78, 20, 78, 25] },
  ],
  'node-red/flows.json': [
    { code: 'node-red/http-in-endpoint', range: [13, 11, 13, 17] },
    { code: 'node-red/exec-node', range: [26, 14, 26, 23] },
    { code: 'common/cleartext-endpoint', range: [73, 12, 73, 41] },
    { code: 'node-red/mqtt-without-tls', range: [93, 14, 93, 19] },
    { code: 'node-red/tls-verification-disabled', range: [109, 24, 109, 29] },
  ],
  'power-automate/Workflows/InvoiceIntake-3F2A9C4E-1B7D-EF11-9340-7C1E521A0E3F.json': [
    { code: 'wdl/request-trigger-without-auth', range: [28, 18, 28, 27] },
    { code: 'common/cleartext-endpoint', range: [47, 20, 47, 54] },
    { code: 'common/hardcoded-secret', range: [50, 38, 50, 78] },
  ],
  'logic-apps/OrderSync/workflow.json': [
    { code: 'wdl/secret-parameter-not-secure', range: [6, 16, 6, 24] },
    { code: 'wdl/request-trigger-without-auth', range: [12, 16, 12, 25] },
    { code: 'common/cleartext-endpoint', range: [23, 18, 23, 51] },
    { code: 'wdl/secure-data-missing', range: [25, 25, 25, 51] },
  ],
  'logic-apps/azuredeploy.json': [
    { code: 'wdl/secret-parameter-not-secure', range: [9, 14, 9, 22] },
    { code: 'wdl/request-trigger-without-auth', range: [31, 22, 31, 31] },
  ],
  'not-a-flow.json': [],
};

/** The sample used for the quick-fix and configuration steps, and the rule whose fix is applied. */
export const N8N_SAMPLE = 'n8n/order-webhook.json';
export const FIX_RULE = 'n8n/webhook-without-auth';
/** The rule the configuration step turns off: it fires in several samples, so open and closed files both show it. */
export const CONFIG_RULE = 'common/cleartext-endpoint';
