import type { Queryable } from '../../db/database.ts';
import { findArticleById, withRelations } from '../../db/repos/articles.ts';
import { sectionCounts } from '../../db/repos/editorial.ts';
import { findTagsByNameSlugs } from '../../db/repos/tagAliases.ts';
import { findShowableInNewsroom } from '../../db/repos/newsroom.ts';
import { newsroomScope } from '../../policies/newsroomScope.ts';
import { findLikelyDuplicates } from '../../editorial/duplicates.ts';
import type { DecidingSignal } from '../../editorial/duplicateModel.ts';
import { matchingPassages } from '../../editorial/matchingPassages.ts';
import { entitiesOf, signatureFor } from '../../editorial/indexer.ts';
import { suggestSection } from '../../editorial/sectionModel.ts';
import { termBag, type ArticleText } from '../../editorial/signature.ts';
import { STATUS_LABELS } from '../../domain/statusLabels.ts';
import { formatFullDate } from '../../domain/frenchDates.ts';
import { slugFromTitle } from '../../domain/slug.ts';
import { paths } from '../../presenters/urls.ts';
import type {
  DuplicateView,
  EditorialPanelModel,
} from '../../views/admin/editorialPanel.ts';
import type { User } from '../../domain/user.ts';
import type { SiteSettings } from '../../domain/settings.ts';

/** The signal that decided a « Doublon probable », as the panel says it. */
const SIGNAL_LABELS: Record<DecidingSignal, string> = {
  identical: 'texte identique',
  'shared-text': 'des passages repris presque mot pour mot',
  'same-words': 'les mêmes noms, chiffres et mots rares',
  'same-headline': 'le même titre et le même chapô',
  'same-day': 'le même sujet le même jour',
  'days-apart': 'l’écart de dates',
  'new-figures': 'des chiffres nouveaux',
  'new-peg': 'un fait nouveau',
  'little-in-common': 'peu de mots en commun',
};

/** « publié le même jour », « 1 jour plus tôt », « 3 jours plus tôt ». */
function gapLabel(days: number, published: boolean): string {
  if (days === 0) return `${published ? 'publié' : 'daté'} le même jour`;
  return `${published ? 'publié' : 'daté'} ${days} jour${days > 1 ? 's' : ''} plus tôt`;
}

export const ENTITY_KIND_LABELS: Record<string, string> = {
  person: 'personne',
  organisation: 'organisation',
  place: 'lieu',
};
/** At most this many tag suggestions: the names an article mentions most. */
const MAX_TAG_SUGGESTIONS = 10;

interface PanelInput {
  db: Queryable;
  user: User;
  settings: SiteSettings;
  now: Date;
  timeZone: string;
  text: ArticleText;
  /** Tags already typed in the form (comma-separated), not suggested again. */
  tags: string;
  articleId: number | null;
  sections: { id: number; name: string }[];
}

/**
 * The editorial tools' view of the text in the editor (as typed or as stored): likely duplicates
 * with why, named entities as tag suggestions matched to existing tags and aliases, a section.
 */
export async function buildEditorialPanel(
  p: PanelInput,
): Promise<EditorialPanelModel> {
  const empty: EditorialPanelModel = {
    duplicates: p.settings.duplicateGuard ? [] : null,
    hiddenDuplicates: 0,
    entities: p.settings.entitySuggestions ? [] : null,
    section: null,
  };
  if (!p.text.title.trim() && !p.text.lead.trim() && !p.text.body.trim())
    return empty;
  const bag = termBag(p.text);
  const entities = entitiesOf(p.text);
  const panel = { ...empty };
  if (p.settings.duplicateGuard) {
    const signature = await signatureFor(p.db, bag);
    const found = await findLikelyDuplicates(p.db, {
      signature,
      entities,
      now: p.now,
      windowDays: p.settings.duplicateWindowDays,
      ...(p.articleId !== null ? { excludeId: p.articleId } : {}),
    });
    const views: DuplicateView[] = [];
    // The newsroom read scope: a contributor's view of others' work in progress is a count, not a list.
    const showable = await findShowableInNewsroom(
      p.db,
      found.map((d) => d.articleId),
      newsroomScope(p.user),
    );
    for (const d of found) {
      const record = await findArticleById(p.db, d.articleId);
      if (!record) continue;
      if (!showable.has(record.id)) {
        panel.hiddenDuplicates++;
        continue;
      }
      const [a] = await withRelations(p.db, [record]);
      const when =
        a!.status === 'published' && a!.publishedAt
          ? `publié le ${formatFullDate(a!.publishedAt, p.timeZone)}`
          : `modifié le ${formatFullDate(a!.updatedAt, p.timeZone)}`;
      views.push({
        id: a!.id,
        title: a!.title,
        status: a!.status,
        statusLabel: STATUS_LABELS[a!.status],
        when,
        authors: a!.authors.map((x) => x.name).join(', '),
        adminUrl: `/admin/articles/${a!.id}`,
        publicUrl: a!.status === 'published' ? paths.article(a!.slug) : null,
        score: d.score,
        sharedTerms: d.sharedTerms,
        sharedEntities: d.sharedEntities,
        exact: d.exact,
        gap: gapLabel(d.gapDays, a!.status === 'published'),
        signal: SIGNAL_LABELS[d.signal],
        passages: matchingPassages(p.text, {
          title: a!.title,
          lead: a!.lead,
          body: a!.bodySource,
        }),
      });
    }
    panel.duplicates = views;
  }
  if (p.settings.entitySuggestions) {
    const typed = new Set(
      p.tags
        .split(',')
        .map((t) => slugFromTitle(t.trim()))
        .filter(Boolean),
    );
    const tags = await findTagsByNameSlugs(
      p.db,
      entities.flatMap((e) => [
        slugFromTitle(e.name),
        ...e.aliases.map(slugFromTitle),
      ]),
    );
    const bySlug = new Map(tags.map((t) => [t.matched, t]));
    const seen = new Set<string>();
    panel.entities = [];
    for (const e of entities) {
      const tag = [e.name, ...e.aliases]
        .map((n) => bySlug.get(slugFromTitle(n)))
        .find(Boolean);
      const name = tag?.name ?? e.name;
      const slug = slugFromTitle(name);
      if (typed.has(slug) || seen.has(slug)) continue;
      seen.add(slug);
      panel.entities.push({
        name,
        kindLabel:
          ENTITY_KIND_LABELS[tag && tag.kind !== 'topic' ? tag.kind : e.kind] ??
          'sujet',
        existing: Boolean(tag),
        mentions: e.mentions,
      });
      if (panel.entities.length >= MAX_TAG_SUGGESTIONS) break;
    }
  }
  if (p.settings.sectionSuggestions) {
    const suggestion = suggestSection(
      bag.distinct,
      bag.display,
      await sectionCounts(p.db, bag.distinct),
    );
    const section =
      suggestion && p.sections.find((s) => s.id === suggestion.sectionId);
    if (suggestion && section)
      panel.section = {
        id: section.id,
        name: section.name,
        confidence: suggestion.confidence,
        topWords: suggestion.topWords,
      };
  }
  return panel;
}
