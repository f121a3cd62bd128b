/*
 * The fil info, live: a small browser script, served as JavaScript with its types stripped
 * (http/site/assetsRoute.ts). It follows /live/fil-info with EventSource:
 * - a new headline enters at the top of its day's list with its HH:MM, in the server's markup;
 *   an edited one is replaced; an unpublished one disappears;
 * - a breaking item raises an « Alerte info » banner over the page (no layout shift), which the
 *   reader can dismiss for the rest of the visit;
 * - a polite live region announces new headlines to screen readers;
 * - on a section page, nothing moves: a « N nouveaux articles » button reloads on request.
 * Without JavaScript the page shows the fil info as rendered. Wrapped in a function: a classic
 * script shares the page's global scope.
 */
// A type-only import: the stripper erases it, so the served file stays a classic script.
import type { FilInfoLine } from '../presenters/filInfo.ts';

(() => {
  const STREAM_PATH = '/live/fil-info';
  const DISMISSED_KEY = 'newsdesk:alertes-fermees';
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script || typeof EventSource === 'undefined') return;
  const section = script.dataset['section'] ?? null;
  const filInfos = [...document.querySelectorAll<HTMLElement>('.fil-info')];
  const liveBlog = document.querySelector<HTMLElement>(
    '.live-blog[data-article]',
  );
  if (filInfos.length === 0 && !section && !liveBlog) return;

  const root = document.documentElement;
  let lastEventId = script.dataset['since'] ?? '';
  /** Each fil info keeps the number of lines it was rendered with. */
  const capacity = new Map(
    filInfos.map((f) => [
      f,
      Math.max(f.querySelectorAll('.fil-list li').length, 10),
    ]),
  );

  // --- The fil info lists -------------------------------------------------------------------

  function renderLine(item: FilInfoLine): HTMLLIElement {
    // The same markup as views/site/partials.ts filInfo, built with textContent: never HTML.
    const li = document.createElement('li');
    li.dataset['id'] = String(item.id);
    if (item.breaking) li.className = 'breaking';
    const time = document.createElement('time');
    time.dateTime = item.iso;
    time.textContent = item.time;
    const link = document.createElement('a');
    link.href = item.url;
    link.textContent = item.title;
    li.append(time, ' ');
    if (item.live) {
      // Badge and title share the grid's second column.
      const state = document.createElement('span');
      state.className = `fil-live fil-live-${item.live}`;
      state.textContent = item.live === 'live' ? 'En direct' : 'Terminé';
      const both = document.createElement('span');
      both.append(state, ' ', link);
      li.append(both);
    } else li.append(link);
    return li;
  }

  const lineTime = (li: Element): number =>
    Date.parse(li.querySelector('time')?.getAttribute('datetime') ?? '') || 0;

  function removeLine(filInfo: HTMLElement, id: number): boolean {
    const li = filInfo.querySelector(`.fil-list li[data-id="${id}"]`);
    if (!li) return false;
    const list = li.parentElement!;
    li.remove();
    if (list.children.length === 0) removeList(list);
    return true;
  }

  function removeList(list: Element): void {
    const heading = list.previousElementSibling;
    if (heading?.classList.contains('fil-day')) heading.remove();
    list.remove();
  }

  /** The list for `day`, created at the top when the item is newer than every list (a new day). */
  function listFor(filInfo: HTMLElement, day: string): HTMLOListElement | null {
    const lists = [...filInfo.querySelectorAll<HTMLOListElement>('.fil-list')];
    const existing = lists.find((l) => l.dataset['day'] === day);
    if (existing) return existing;
    const first = lists[0];
    if (first && (first.dataset['day'] ?? '') > day) return null;
    const list = document.createElement('ol');
    list.className = 'fil-list';
    list.dataset['day'] = day;
    if (!first) {
      filInfo.append(list);
      return list;
    }
    let heading = first.previousElementSibling;
    if (!heading?.classList.contains('fil-day')) {
      // The list that was « today » when the page was rendered is now the day before.
      const level =
        Number(filInfo.querySelector('.block-title')?.tagName.slice(1) ?? 2) +
        1;
      heading = document.createElement(`h${level}`);
      heading.className = 'fil-day';
      heading.textContent = 'Hier';
      first.before(heading);
    }
    heading.before(list);
    return list;
  }

  /** Puts `item` in place by time (replacing its old line), unless it is older than every line shown. */
  function upsertLine(
    filInfo: HTMLElement,
    item: FilInfoLine,
    isNew: boolean,
  ): void {
    const replaced = removeLine(filInfo, item.id);
    const list = listFor(filInfo, item.day);
    if (!list) return;
    const at = Date.parse(item.iso);
    const line = renderLine(item);
    const lists = filInfo.querySelectorAll('.fil-list');
    const older = [...list.children].find((li) => lineTime(li) < at);
    if (older) older.before(line);
    else if (
      replaced ||
      lists[lists.length - 1] !== list ||
      filInfo.querySelectorAll('.fil-list li').length < capacity.get(filInfo)!
    )
      list.append(line);
    else return; // older than everything shown: not part of this page's fil info
    if (isNew) line.classList.add('is-new');
    const all = filInfo.querySelectorAll('.fil-list li');
    // Keep the height the page was rendered with: the oldest line makes room for the newest.
    if (all.length > capacity.get(filInfo)!) {
      const last = all[all.length - 1]!;
      const lastList = last.parentElement!;
      last.remove();
      if (lastList.children.length === 0) removeList(lastList);
    }
  }

  // --- Announcements, the breaking banner, the section prompt -------------------------------

  const announcer = document.createElement('div');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('role', 'status');
  announcer.setAttribute('aria-live', 'polite');
  document.body.append(announcer);
  const announce = (text: string) => {
    announcer.textContent = text;
  };

  const dismissed = (): number[] => {
    try {
      const value: unknown = JSON.parse(
        sessionStorage.getItem(DISMISSED_KEY) ?? '[]',
      );
      return Array.isArray(value)
        ? value.filter((v): v is number => typeof v === 'number')
        : [];
    } catch {
      return [];
    }
  };

  let banner: HTMLElement | null = null;
  function showAlert(item: FilInfoLine): void {
    if (dismissed().includes(item.id)) return;
    banner?.remove();
    banner = document.createElement('div');
    banner.className = 'live-alert';
    banner.setAttribute('role', 'region');
    banner.setAttribute('aria-label', 'Alerte info');
    banner.dataset['id'] = String(item.id);
    const text = document.createElement('p');
    const label = document.createElement('strong');
    label.className = 'live-alert-label';
    label.textContent = 'Alerte info';
    const link = document.createElement('a');
    link.href = item.url;
    link.textContent = item.title;
    text.append(label, ' ', link);
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'live-alert-close';
    close.setAttribute('aria-label', 'Fermer l’alerte');
    close.textContent = '×';
    close.addEventListener('click', () => {
      try {
        sessionStorage.setItem(
          DISMISSED_KEY,
          JSON.stringify([...dismissed(), item.id].slice(-50)),
        );
      } catch {
        /* private browsing: the banner still closes */
      }
      hideAlert();
    });
    banner.append(text, close);
    document.body.append(banner);
  }
  function hideAlert(): void {
    banner?.remove();
    banner = null;
  }

  let prompt: HTMLButtonElement | null = null;
  const unseen = new Set<number>();
  function showPrompt(label: string): void {
    if (!prompt) {
      prompt = document.createElement('button');
      prompt.type = 'button';
      prompt.className = 'live-prompt';
      prompt.addEventListener('click', () => {
        // Page 1 of the same list, where new articles are. The page may sit in the HTTP cache
        // (max-age): refresh that copy first, so the navigation shows the new articles.
        const path = location.pathname;
        fetch(path, { cache: 'reload' })
          .catch(() => {})
          .finally(() => {
            location.assign(path);
          });
      });
      document.body.append(prompt);
    }
    prompt.textContent = label;
  }

  // --- Live blogs ---------------------------------------------------------------------------
  // Entries arrive rendered by the server's own views (views/site/liveBlog.ts: escaped text and
  // the entry's sanitised body), newest first; an edit replaces its entry, a deletion removes it.

  interface LiveEntryMessage {
    articleId: number;
    entryId: number;
    html?: string;
    deleted?: boolean;
    header: string;
  }
  interface LiveStateMessage {
    articleId: number;
    state: string;
    header: string;
  }

  function fromMarkup(markup: string): Element | null {
    const template = document.createElement('template');
    template.innerHTML = markup;
    return template.content.firstElementChild;
  }

  /**
   * Applies `change` without moving what the reader is looking at: the first element still on
   * screen is measured before and after, and the page scrolled by the difference (browsers
   * without scroll anchoring would otherwise push the text down under the reader's eyes).
   */
  function keepingScroll(change: () => void): void {
    const candidates = liveBlog
      ? [...liveBlog.querySelectorAll('.live-header, .live-entry, .live-older')]
      : [];
    const anchor =
      candidates.find((el) => el.getBoundingClientRect().bottom > 0) ?? null;
    const before = anchor?.getBoundingClientRect().top ?? 0;
    change();
    if (!anchor?.isConnected) return;
    const delta = anchor.getBoundingClientRect().top - before;
    if (Math.abs(delta) >= 1) window.scrollBy(0, delta);
  }

  // An entry's picture loads after the entry is in place and makes it taller: if the entry is
  // above the screen, the page is scrolled by as much, so the reader's text stays put.
  const heights = new WeakMap<Element, number>();
  const growth =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((records) => {
          for (const record of records) {
            const rect = record.target.getBoundingClientRect();
            const before = heights.get(record.target);
            heights.set(record.target, rect.height);
            if (before === undefined) continue;
            const delta = rect.height - before;
            if (delta !== 0 && rect.bottom - delta <= 0)
              window.scrollBy(0, delta);
          }
        });
  const watchGrowth = (el: Element) => {
    if (!growth) return;
    heights.set(el, el.getBoundingClientRect().height);
    growth.observe(el);
  };

  function replaceHeader(markup: string): void {
    const header = liveBlog?.querySelector('.live-header');
    const next = fromMarkup(markup);
    if (header && next) {
      keepingScroll(() => header.replaceWith(next));
      watchGrowth(next);
    }
  }

  function onLiveEntry(data: LiveEntryMessage): void {
    if (!liveBlog || liveBlog.dataset['article'] !== String(data.articleId))
      return;
    const list = liveBlog.querySelector('.live-entries');
    if (!list) return;
    const existing = list.querySelector(`[data-entry="${data.entryId}"]`);
    const next = data.html ? fromMarkup(data.html) : null;
    keepingScroll(() => {
      if (data.deleted) existing?.remove();
      else if (next && existing) existing.replaceWith(next);
      else if (next) {
        // Newest first: before the first entry with a smaller id.
        const after = [...list.children].find(
          (li) => Number((li as HTMLElement).dataset['entry']) < data.entryId,
        );
        if (after) after.before(next);
        else list.prepend(next);
        next.classList.add('is-new');
      }
    });
    if (next) watchGrowth(next);
    replaceHeader(data.header);
    if (next && !existing)
      announce(
        `Nouvelle entrée du direct, ${next.querySelector('time')?.textContent ?? ''}`,
      );
  }

  function onLiveState(data: LiveStateMessage): void {
    if (!liveBlog || liveBlog.dataset['article'] !== String(data.articleId))
      return;
    replaceHeader(data.header);
  }

  // « Entrées précédentes »: the next page's entries are appended here rather than opened.
  liveBlog?.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>(
      '.live-older a',
    );
    if (!link) return;
    event.preventDefault();
    fetch(link.href)
      .then((r) => r.text())
      .then((text) => {
        const page = new DOMParser().parseFromString(text, 'text/html');
        const list = liveBlog.querySelector('.live-entries')!;
        for (const li of page.querySelectorAll('.live-entries > li')) {
          if (
            !list.querySelector(
              `[data-entry="${(li as HTMLElement).dataset['entry']}"]`,
            )
          )
            list.append(document.importNode(li, true));
        }
        const more = page.querySelector<HTMLAnchorElement>('.live-older a');
        if (more) link.href = more.href;
        else link.closest('.live-older')?.remove();
      })
      .catch(() => {
        location.assign(link.href);
      });
  });

  // --- Messages -----------------------------------------------------------------------------

  function onItem(kind: string, item: FilInfoLine): void {
    for (const filInfo of filInfos)
      upsertLine(filInfo, item, kind !== 'updated');
    if (kind === 'breaking') showAlert(item);
    else if (banner?.dataset['id'] === String(item.id))
      banner.querySelector('a')!.textContent = item.title;
    if (kind !== 'updated')
      announce(
        `${kind === 'breaking' ? 'Alerte info' : 'Nouvel article'}, ${item.time} : ${item.title}`,
      );
    const onPage =
      document.querySelector(`main a[href="${CSS.escape(item.url)}"]`) !== null;
    if (
      section &&
      kind !== 'updated' &&
      item.section?.slug === section &&
      !onPage
    ) {
      unseen.add(item.id);
      showPrompt(
        unseen.size === 1
          ? '1 nouvel article'
          : `${unseen.size} nouveaux articles`,
      );
    }
  }

  function onMessage(event: MessageEvent<string>): void {
    if (event.lastEventId) lastEventId = event.lastEventId;
    if (event.type === 'reload') {
      // Too far behind to catch up line by line: offer a fresh page rather than move everything.
      showPrompt('Nouveaux articles : actualiser la page');
      return;
    }
    if (event.type === 'live-entry') {
      onLiveEntry(JSON.parse(event.data) as LiveEntryMessage);
      return;
    }
    if (event.type === 'live-state') {
      onLiveState(JSON.parse(event.data) as LiveStateMessage);
      return;
    }
    const data = JSON.parse(event.data) as FilInfoLine;
    if (event.type === 'unpublished') {
      for (const filInfo of filInfos) removeLine(filInfo, data.id);
      if (banner?.dataset['id'] === String(data.id)) hideAlert();
      unseen.delete(data.id);
      return;
    }
    onItem(event.type, data);
  }

  // --- The connection -----------------------------------------------------------------------

  let backoff = 2_000;
  function connect(): void {
    root.dataset['live'] = 'connecting';
    // EventSource sends Last-Event-ID itself when it reconnects; the query carries the page's
    // position on the first connection and after a refusal (429/503), when we reconnect ourselves.
    const source = new EventSource(
      lastEventId
        ? `${STREAM_PATH}?lastEventId=${encodeURIComponent(lastEventId)}`
        : STREAM_PATH,
    );
    source.addEventListener('open', () => {
      root.dataset['live'] = 'open';
      backoff = 2_000;
    });
    for (const type of [
      'published',
      'breaking',
      'updated',
      'unpublished',
      'reload',
      'live-entry',
      'live-state',
    ]) {
      source.addEventListener(type, (event) =>
        onMessage(event as MessageEvent<string>),
      );
    }
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) {
        root.dataset['live'] = 'connecting';
        return;
      }
      root.dataset['live'] = 'closed';
      source.close();
      setTimeout(connect, backoff + Math.random() * backoff);
      backoff = Math.min(backoff * 2, 60_000);
    });
  }
  connect();
})();
