import type { FastifyInstance } from 'fastify';
import type { SiteDeps } from './context.ts';
import { pageRoute } from './context.ts';
import { dailyFigure } from '../../db/repos/audience.ts';
import { dayKey, previousDay } from '../../domain/frenchDates.ts';
import { presentLegalAudience } from '../../presenters/audience.ts';
import { legalNoticeView, privacyView } from '../../views/site/siteInfo.ts';

/** The legal notice with the daily audience (loi 88-13), and the privacy page (loi 09-08). */
export function siteInfoRoutes(app: FastifyInstance, deps: SiteDeps): void {
  app.get(
    '/mentions-legales',
    pageRoute(deps, async () => {
      const figure = await dailyFigure(
        deps.db,
        previousDay(dayKey(deps.clock.now(), deps.site.timeZone)),
      );
      return {
        title: 'Mentions légales',
        description: `Mentions légales de ${deps.site.name} et audience de la veille.`,
        canonicalPath: '/mentions-legales',
        main: legalNoticeView(
          deps.site,
          figure && presentLegalAudience(figure, deps.site.timeZone),
        ),
        surrogateKeys: ['legal'],
      };
    }),
  );
  app.get(
    '/confidentialite',
    pageRoute(deps, async () => ({
      title: 'Données personnelles',
      description: `Comment ${deps.site.name} mesure son audience sans cookie ni service tiers, et ce qu’il conserve.`,
      canonicalPath: '/confidentialite',
      main: privacyView(deps.site),
      surrogateKeys: ['privacy'],
    })),
  );
}
