/**
 * The protocol shared by every side: the language server's custom requests (requests.ts: typed
 * with vscode-jsonrpc's RequestType, their parameters and answers) and the mapping panel's
 * messages between the extension and its webview (webview.ts), each with the one runtime check
 * of its shape. The server, the client, the webview and the tests import them from here.
 */
export * from './requests';
export * from './webview';
