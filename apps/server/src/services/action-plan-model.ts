import { loadOnFirstUse } from '../load-on-first-use.ts';

// The action plan's rich-text model: Tiptap and ProseMirror with y-prosemirror, about 3 MB of source that V8
// keeps in memory once loaded, and more once compiled. Exports, paper prefills, comments, the DSGVO export and
// erasure, and commenters' suggestions need it; a server at rest, and every editor typing, do not. So each is
// loaded the first time it is needed.

export const loadEditorModel = loadOnFirstUse(() => import('@quartierplan/collab/editor'));
export const loadCommentAnchors = loadOnFirstUse(() => import('@quartierplan/collab/comments'));
export const loadErasure = loadOnFirstUse(() => import('@quartierplan/collab/erasure'));
export const loadSuggestionReview = loadOnFirstUse(() => import('@quartierplan/collab/review'));
