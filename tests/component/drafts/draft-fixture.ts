// The workspace the draft-edit tests share: a fresh store (fake-indexeddb) with one pasted draft of
// three claims, and readers of its claims and ledger.
import type { Claim } from '../../../shared/types/domain.ts';
import { importDraft } from '../../../renderer/src/app/actions.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { RegistryDb, createWorkspace } from '../../../renderer/src/store/workspaces.ts';

/** The draft: three claims, markers (one run), a maintenance flag. */
export const DRAFT_TEXT = [
  'The commission met in July 1988 and it questioned prisoners about their faith.[1] It had four members.[2][3]',
  'Families were not told.[citation needed]',
].join('\n');

/** A workspace holding DRAFT_TEXT, imported by Ana. */
export interface DraftFixture {
  db: DeskDb;
  draftId: string;
  /** The draft's claims in order. */
  claims(): Promise<Claim[]>;
  /** The ledger's entry types in order. */
  ledgerTypes(): Promise<string[]>;
  /** The claim at `index`; throws when there is none. */
  claimAt(index: number): Promise<Claim>;
}

/** A new workspace with DRAFT_TEXT imported. */
export async function openDraftFixture(): Promise<DraftFixture> {
  const db = await createWorkspace(new RegistryDb(), 'Edits', 'Ana');
  const draftId = await importDraft(db, 'Ana', { text: DRAFT_TEXT, origin: 'paste', fileName: null, title: 'Executions' });
  const claims = async () => (await db.claims.where('draftId').equals(draftId).sortBy('index')) as Claim[];
  return {
    db,
    draftId,
    claims,
    ledgerTypes: async () => (await db.ledger.orderBy('seq').toArray()).map((r) => r.type),
    async claimAt(index) {
      const c = (await claims())[index];
      if (!c) throw new Error(`no claim ${index}`);
      return c;
    },
  };
}
