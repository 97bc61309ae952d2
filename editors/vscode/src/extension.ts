// Digi-Check for VS Code: starts `digicheck lsp` and connects it to plain-text, Markdown and XML
// documents. All checking, hovers, quick fixes and the explanation command live in the server;
// this file only starts it, passes the settings and restarts it when the program path changes.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The settings the server reads (initializationOptions and didChangeConfiguration). */
function serverSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('digicheck');
  return {
    profile: c.get<string>('profile', ''),
    minSeverity: c.get<string>('minSeverity', ''),
    disable: c.get<string[]>('disable', []),
    begruendung: c.get<boolean>('begruendung', false),
  };
}

function createClient(): LanguageClient {
  const command = vscode.workspace.getConfiguration('digicheck').get<string>('path', 'digicheck') || 'digicheck';
  // No `transport`: the server speaks stdio by default, and TransportKind.stdio would add `--stdio`.
  const serverOptions: ServerOptions = {
    run: { command, args: ['lsp'] },
    debug: { command, args: ['lsp'] },
  };
  const languages = ['plaintext', 'markdown', 'xml'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: serverSettings(),
    synchronize: {
      // A changed digicheck.toml re-checks all open documents.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/digicheck.toml'),
    },
  };
  return new LanguageClient('digicheck', 'Digi-Check', serverOptions, clientOptions);
}

async function start(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    const path = vscode.workspace.getConfiguration('digicheck').get<string>('path', 'digicheck');
    void vscode.window.showErrorMessage(
      `Digi-Check: Der Sprachserver „${path} lsp“ ließ sich nicht starten (${String(err)}). ` +
        'Installieren Sie digicheck oder tragen Sie den Pfad in der Einstellung „digicheck.path“ ein.',
    );
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.isRunning()) {
    await c.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('digicheck.restart', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('digicheck.path')) {
        await stop();
        await start();
      } else if (e.affectsConfiguration('digicheck') && client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { digicheck: serverSettings() },
        });
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
