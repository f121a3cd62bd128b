import type { FastifyInstance } from 'fastify';
import { requireUser, sendAdminPage, type AdminDeps } from './context.ts';
import { authorize } from '../../policies/authorize.ts';
import { canInNewsroom } from '../../policies/newsroom.ts';
import { audienceReport } from '../../presenters/audienceReport.ts';
import { audienceView } from '../../views/admin/audience.ts';

/** The editors' audience page (figures from the counters; live readers from every process's streams). */
export function audienceRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/admin/audience', async (request, reply) => {
    const user = requireUser(request);
    authorize(canInNewsroom(user, 'readAudience'));
    // Counters still in memory would be missing from « now »: write them first.
    await deps.audience.flush();
    const model = await audienceReport(
      deps.db,
      deps.config.site,
      deps.clock.now(),
      (await deps.liveReaders?.()) ?? 0,
    );
    return sendAdminPage(deps, reply, user, {
      title: 'Audience',
      main: audienceView(model),
    });
  });
}
