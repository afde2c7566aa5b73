import {
  needsArray,
  readNeeds,
  readRoundSummaries,
  type Need,
  type RoundSummary,
} from '@quartierplan/collab';
import * as Y from 'yjs';
import { SyncConnection } from './sync-connection.svelte';

/**
 * A needs list in the browser: the synced document, its needs and the workshop rounds whose results
 * it holds as rune state
 * (re-read on every change, local or remote), and this person's own undo history.
 */
export class NeedsDocument {
  readonly connection: SyncConnection;
  /** Origin of this person's edits: the undo history tracks exactly these. */
  readonly origin = { source: 'needs-list' };
  readonly undoManager: Y.UndoManager;
  needs = $state<Need[]>([]);
  /** Closed workshop rounds written into the document by the server, oldest first. */
  rounds = $state<RoundSummary[]>([]);
  canUndo = $state(false);
  canRedo = $state(false);

  constructor(docId: string) {
    this.connection = new SyncConnection(docId);
    const doc = this.connection.doc;
    this.undoManager = new Y.UndoManager(needsArray(doc), {
      // Not reactive state: Yjs reads this set, nothing renders it.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 600,
    });
    const refreshUndo = () => {
      this.canUndo = this.undoManager.canUndo();
      this.canRedo = this.undoManager.canRedo();
    };
    this.undoManager.on('stack-item-added', refreshUndo);
    this.undoManager.on('stack-item-popped', refreshUndo);
    this.undoManager.on('stack-cleared', refreshUndo);
    doc.on('update', this.refresh);
    this.refresh();
  }

  get doc(): Y.Doc {
    return this.connection.doc;
  }

  // The needs document holds only the list and the round results: any change may alter what is shown.
  private readonly refresh = () => {
    this.needs = readNeeds(this.connection.doc);
    this.rounds = readRoundSummaries(this.connection.doc);
  };

  undo() {
    this.undoManager.undo();
  }

  redo() {
    this.undoManager.redo();
  }

  destroy() {
    this.connection.doc.off('update', this.refresh);
    this.undoManager.destroy();
    this.connection.destroy();
  }
}
