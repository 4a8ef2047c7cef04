/** A post's history: who saved what when, a diff of any version against the current one, and restore. */
import express from 'express';
import { GuildError } from '../../errors.ts';
import { diffRevisions, type Revision } from '../../content/index.ts';
import { locals, type ApiDeps } from './context.ts';
import { idParam } from './input.ts';
import { editablePost, postJson, TYPES } from './post-access.ts';
import { save } from './posts.ts';

const summary = (revision: Revision) => ({
  id: revision.id,
  title: revision.title,
  status: revision.status,
  reason: revision.reason,
  by: revision.by,
  createdAt: revision.createdAt,
});

export function revisionRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  for (const type of TYPES) {
    const base = `/${type}s/:id/revisions`;

    router.get(base, async (req, res) => {
      const { post } = await editablePost(res, type, (req.params as Record<string, string>).id);
      res.json({ items: deps.stateOf(locals(res).site).revisions.list(post.id).map(summary) });
    });

    router.get(`${base}/:revision`, async (req, res) => {
      const { post } = await editablePost(res, type, (req.params as Record<string, string>).id);
      const revision = find(deps, res, post.id, req.params.revision);
      res.json({ ...summary(revision), html: revision.html, excerpt: revision.customExcerpt, featureImage: revision.featureImage, diff: diffRevisions(revision, post) });
    });

    // Brings back the words of an earlier version; the status and date stay as they are now.
    router.post(`${base}/:revision/restore`, async (req, res) => {
      const { post } = await editablePost(res, type, (req.params as Record<string, string>).id);
      const revision = find(deps, res, post.id, req.params.revision);
      const restored = await save(
        res,
        deps,
        post,
        { title: revision.title, html: revision.html, customExcerpt: revision.customExcerpt, featureImage: revision.featureImage },
        'restored',
      );
      res.json(postJson(res, restored));
    });
  }
  return router;
}

function find(deps: ApiDeps, res: express.Response, postId: number, raw: unknown): Revision {
  const revision = deps.stateOf(locals(res).site).revisions.get(postId, idParam(raw, `Revision ${String(raw)}`));
  if (!revision) throw new GuildError('GUILD_ERR_NOT_FOUND', `Revision ${String(raw)}`);
  return revision;
}
