/**
 * Baseline for the `initialize` row of `npm run bench`: a language server that loads only the LSP library we ship
 * (`vscode-languageserver/node`, bundled and minified by bench/lib/build.mjs like our server) and answers `initialize`
 * with the same capabilities as ours. What our server adds over this is our own start-up cost.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: {} }));
connection.listen();
