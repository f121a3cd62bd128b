import type { CommandContext } from '../commands/context.ts';
import { systemActor } from '../commands/context.ts';
import { createArticle } from '../commands/createArticle.ts';
import { publishArticle } from '../commands/publishArticle.ts';
import {
  endLiveBlog,
  postLiveEntry,
  setScoreboard,
  startLiveBlog,
} from '../commands/liveBlog.ts';
import { fixedClock } from '../domain/clock.ts';

/*
 * The demo newsroom's finished live blog: a Botola Pro match followed minute by minute by two
 * journalists, with its score box and key moments. Original text, written for the demo.
 */
const KICK_OFF_MINUTES_AGO = 200;

interface DemoEntry {
  minute: number;
  byline: string;
  text: string;
  key?: boolean;
  score?: [string, string, string];
}

const entries: DemoEntry[] = [
  {
    minute: -10,
    byline: 'Karim Berrada',
    text: 'Bonsoir et bienvenue au Complexe sportif Prince Moulay Abdellah. Les tribunes sont pleines à craquer pour ce choc au sommet entre l’AS FAR, leader, et le Raja, qui pointe à deux longueurs.',
  },
  {
    minute: -5,
    byline: 'Hamza Ouazzani',
    text: 'Les compositions sont tombées : l’AS FAR aligne son 4-3-3 habituel ; côté Raja, l’entraîneur surprend en titularisant son jeune milieu formé au club, 19 ans.',
  },
  {
    minute: 0,
    byline: 'Karim Berrada',
    text: 'Coup d’envoi donné par l’arbitre ! C’est le Raja qui engage.',
    score: ['0', '0', '1re minute'],
  },
  {
    minute: 12,
    byline: 'Karim Berrada',
    text: 'Première grosse occasion pour l’AS FAR : une tête sur corner frôle le poteau. Le gardien du Raja était battu.',
  },
  {
    minute: 27,
    byline: 'Hamza Ouazzani',
    text: '**But de l’AS FAR !** Récupération haute, une passe en profondeur et une frappe croisée qui ne laisse aucune chance au gardien. 1-0.',
    key: true,
    score: ['1', '0', '27e minute'],
  },
  {
    minute: 41,
    byline: 'Karim Berrada',
    text: 'Carton jaune pour le capitaine du Raja, coupable d’un tacle en retard au milieu de terrain. Il faudra jouer prudemment.',
  },
  {
    minute: 45,
    byline: 'Karim Berrada',
    text: 'Mi-temps. L’AS FAR mène logiquement, plus tranchante dans les trente derniers mètres. Le Raja a eu le ballon sans trouver la faille.',
    score: ['1', '0', 'Mi-temps'],
  },
  {
    minute: 58,
    byline: 'Hamza Ouazzani',
    text: '**Égalisation du Raja !** Un centre tendu depuis la gauche, reprise de volée au second poteau. 1-1, le stade gronde.',
    key: true,
    score: ['1', '1', '58e minute'],
  },
  {
    minute: 66,
    byline: 'Karim Berrada',
    text: 'Double changement côté AS FAR : deux attaquants frais entrent pour relancer la machine.',
  },
  {
    minute: 79,
    byline: 'Hamza Ouazzani',
    text: 'Penalty pour l’AS FAR après une faute dans la surface, confirmée par l’assistance vidéo après deux minutes de vérification.',
    score: ['1', '1', '79e minute'],
  },
  {
    minute: 80,
    byline: 'Karim Berrada',
    text: '**L’AS FAR reprend l’avantage !** Le penalty est transformé en force, plein centre. 2-1.',
    key: true,
    score: ['2', '1', '80e minute'],
  },
  {
    minute: 90,
    byline: 'Karim Berrada',
    text: 'Cinq minutes de temps additionnel. Le Raja pousse, tout le monde est dans le camp de l’AS FAR.',
    score: ['2', '1', '90e + 5'],
  },
  {
    minute: 96,
    byline: 'Hamza Ouazzani',
    text: '**Coup de sifflet final !** L’AS FAR s’impose 2-1 et prend cinq points d’avance en tête de la Botola Pro. Merci d’avoir suivi ce direct avec nous.',
    key: true,
    score: ['2', '1', 'Score final'],
  },
];

/** Creates the finished live blog (dated relative to now); returns its article id. */
export async function loadDemoLiveBlog(
  ctx: CommandContext,
  ids: { sectionId: number; authorIds: number[] },
): Promise<number> {
  const actor = systemActor('demo');
  const kickOff = ctx.clock.now().getTime() - KICK_OFF_MINUTES_AGO * 60_000;
  const at = (minute: number) =>
    fixedClock(
      new Date(kickOff + minute * 60_000 + (minute > 45 ? 15 * 60_000 : 0)),
    );
  const clockAt = (minute: number) => ({ ...ctx, clock: at(minute) });
  const id = await createArticle(clockAt(-30), actor, {
    title: 'AS FAR – Raja (2-1) : revivez le choc au sommet de la Botola Pro',
    lead: 'Menée puis rejointe, l’AS FAR a fait la différence sur penalty à dix minutes de la fin et creuse l’écart en tête du championnat.',
    bodySource:
      'Le match a été suivi en direct par notre service des sports depuis la tribune de presse. Retrouvez ci-dessous le fil de la rencontre, minute par minute.',
    sectionId: ids.sectionId,
    authorIds: ids.authorIds,
    tagIds: [],
    featured: false,
    breaking: false,
  });
  await publishArticle(clockAt(-20), actor, {
    articleId: id,
    publishedAt: at(-20).now(),
  });
  await startLiveBlog(clockAt(-15), actor, { articleId: id });
  for (const e of entries) {
    if (e.score)
      await setScoreboard(clockAt(e.minute), actor, {
        articleId: id,
        scoreboard: {
          home: 'AS FAR',
          homeScore: e.score[0],
          away: 'Raja',
          awayScore: e.score[1],
          status: e.score[2],
        },
      });
    await postLiveEntry(clockAt(e.minute), actor, {
      articleId: id,
      bodySource: e.text,
      keyMoment: e.key ?? false,
      byline: e.byline,
    });
  }
  await endLiveBlog(clockAt(100), actor, { articleId: id });
  return id;
}
