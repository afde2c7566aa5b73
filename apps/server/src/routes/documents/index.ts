import { actionPlanText, readNeeds, replaceContent, type DocumentKind } from '@quartierplan/collab';
import { documentStoreRepository, type DocumentRow } from '@quartierplan/db';
import { idSchema, type Access } from '@quartierplan/domain';
import { Hono, type Context } from 'hono';
import * as Y from 'yjs';
import { z } from 'zod';
import type { AppEnv } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { jsonBody, params } from '../../http/validate.ts';
import type { Services } from '../../context.ts';
import { documentAccess } from '../../sync/document-access.ts';

const documentParams = z.object({ docId: idSchema });
const versionParams = z.object({ docId: idSchema, versionId: idSchema });
const createVersionSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'Bitte einen Namen angeben.' })
    .max(200, { message: 'Höchstens 200 Zeichen.' }),
});

/** A collaborative document's last change, and its named versions: create, list, read, restore. */
export function documentRoutes(services: Services) {
  const { sql, sync } = services;
  const store = documentStoreRepository(sql);

  /** The document of the user's body and the user's access, or 404/403 (like the sync socket). */
  async function load(c: Context<AppEnv>, docId: string, need: Access): Promise<DocumentRow> {
    const resolved = await documentAccess(sql, c.get('user'), docId);
    if (!resolved.found) throw notFound('Dokument nicht gefunden.');
    const { document, access } = resolved;
    if (!access || (need === 'edit' && access !== 'edit')) {
      throw forbidden(
        access ? 'Sie haben nur Lesezugriff auf dieses Dokument.' : 'Kein Zugriff auf dieses Dokument.',
      );
    }
    return document;
  }

  const describe = (v: {
    id: string;
    name: string;
    authorId: string | null;
    authorName: string | null;
    createdAt: Date;
  }) => ({
    id: v.id,
    name: v.name,
    author: v.authorId ? { id: v.authorId, name: v.authorName } : null,
    createdAt: v.createdAt.toISOString(),
  });

  return new Hono<AppEnv>()
    .get('/:docId', params(documentParams), async (c) => {
      const document = await load(c, c.req.valid('param').docId, 'view');
      const last = await store.lastChange(document.id);
      return c.json({
        id: document.id,
        kind: document.kind,
        lastChange: last
          ? {
              at: last.at.toISOString(),
              author: last.authorId ? { id: last.authorId, name: last.authorName } : null,
            }
          : null,
      });
    })

    .get('/:docId/versions', params(documentParams), async (c) => {
      const document = await load(c, c.req.valid('param').docId, 'view');
      return c.json((await store.listVersions(document.id)).map(describe));
    })

    .post('/:docId/versions', params(documentParams), jsonBody(createVersionSchema), async (c) => {
      const document = await load(c, c.req.valid('param').docId, 'edit');
      const user = c.get('user');
      // The version is the stored state: every change applied so far is committed first.
      const state = await sync.withRoom(document, async (room) => {
        await room.flushed();
        return Y.encodeStateAsUpdate(room.doc);
      });
      const id = await store.createVersion(document.id, c.req.valid('json').name, state, user.id);
      const [created] = (await store.listVersions(document.id)).filter((v) => v.id === id);
      return c.json(describe(created!), 201);
    })

    .get('/:docId/versions/:versionId', params(versionParams), async (c) => {
      const { docId, versionId } = c.req.valid('param');
      const document = await load(c, docId, 'view');
      const version = await store.versionState(document.id, versionId);
      if (!version) throw notFound('Version nicht gefunden.');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, version.state);
      const content =
        (document.kind as DocumentKind) === 'action_plan'
          ? { blocks: actionPlanText(doc) }
          : { needs: readNeeds(doc) };
      doc.destroy();
      return c.json({
        ...describe(version),
        kind: document.kind,
        state: Buffer.from(version.state).toString('base64'),
        ...content,
      });
    })

    .post('/:docId/versions/:versionId/restore', params(versionParams), async (c) => {
      const { docId, versionId } = c.req.valid('param');
      const document = await load(c, docId, 'edit');
      const version = await store.versionState(document.id, versionId);
      if (!version) throw notFound('Version nicht gefunden.');
      const snapshot = new Y.Doc();
      Y.applyUpdate(snapshot, version.state);
      await sync.withRoom(document, async (room) => {
        room.applyServerChange(
          (doc) => replaceContent(doc, snapshot, document.kind as DocumentKind),
          c.get('user').id,
        );
        await room.flushed();
      });
      snapshot.destroy();
      return c.json({ restored: describe(version) });
    });
}
