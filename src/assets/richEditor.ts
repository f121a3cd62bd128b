/*
 * The rich-text editor (Tiptap 3 on ProseMirror), bundled by esbuild at start
 * (http/site/bundle.ts). It replaces the body's textarea on screen and keeps it filled with the
 * Markdown of docs/DOCUMENT_FORMAT.md, so the form posts the same field as without JavaScript
 * and editor.ts (preview, autosave, leave warning) works unchanged.
 *
 * The ordinary blocks (paragraphs, subheadings, emphasis, links, lists, quotes) are ProseMirror
 * nodes. The extension blocks (figures and galleries, embeds, pull quotes, « Lire aussi »,
 * tables, raw HTML) are kept as « Markdown islands »: an atom node holding its exact Markdown
 * source, shown as a labelled card whose source can be edited in place. A round trip through
 * the editor cannot change them, which is what the round-trip test checks.
 */
import { Editor, Extension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Markdown } from '@tiptap/markdown';
import { recogniseEmbed } from '../domain/embeds.ts';
import { Islands } from './editorIslands.ts';
import { keepUntouchedBlocks } from './untouchedBlocks.ts';

/**
 * Each block takes its direction from its own first strong letter (dir="auto"): an Arabic
 * paragraph reads right to left in a French article and the reverse (issue #20). On screen
 * only: the stored Markdown has no attribute for it.
 */
const BlockDirection = Extension.create({
  name: 'blockDirection',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph', 'heading', 'blockquote', 'listItem'],
        attributes: {
          dir: {
            default: 'auto',
            parseHTML: () => 'auto',
            renderHTML: () => ({ dir: 'auto' }),
          },
        },
      },
    ];
  },
});

const words = (text: string) =>
  (text.match(/[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu) ?? []).length;

/** « 1 234 mots · 7 012 caractères · 6 min de lecture » (230 words a minute, as on the site). */
function countLabel(text: string): string {
  const n = words(text);
  const fr = (x: number) => x.toLocaleString('fr-FR');
  const minutes = Math.max(1, Math.round(n / 230));
  return `${fr(n)} mot${n > 1 ? 's' : ''} · ${fr(text.replace(/\s+/g, ' ').trim().length)} caractères · ${minutes} min de lecture`;
}

function button(label: string, title: string, run: () => void) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'toolbar-button';
  b.textContent = label;
  // The visible word is the accessible name; the title adds the shortcut.
  b.title = title;
  b.addEventListener('mousedown', (event) => event.preventDefault());
  b.addEventListener('click', run);
  return b;
}

async function searchArticles(
  q: string,
): Promise<{ id: number; title: string; status: string }[]> {
  const response = await fetch(
    `/admin/articles.json?q=${encodeURIComponent(q)}`,
    { credentials: 'same-origin', headers: { accept: 'application/json' } },
  );
  if (!response.ok) return [];
  return ((await response.json()) as { items: never[] }).items;
}

/** The « Lire aussi » chooser: a search by title through the newsroom search. */
function readAlsoDialog(insert: (markdown: string) => void): HTMLDialogElement {
  const dialog = document.createElement('dialog');
  dialog.className = 'read-also-chooser';
  dialog.setAttribute('aria-labelledby', 'read-also-title');
  const title = document.createElement('h2');
  title.id = 'read-also-title';
  title.textContent = 'Lire aussi : choisir un article';
  const label = document.createElement('label');
  label.htmlFor = 'read-also-search';
  label.textContent = 'Titre de l’article';
  const input = document.createElement('input');
  input.type = 'search';
  input.id = 'read-also-search';
  input.autocomplete = 'off';
  const results = document.createElement('ul');
  results.className = 'read-also-results';
  results.setAttribute('aria-live', 'polite');
  const close = button('Fermer', 'Fermer', () => dialog.close());
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const items =
        input.value.trim().length < 2 ? [] : await searchArticles(input.value);
      results.replaceChildren(
        ...items.map((item) => {
          const li = document.createElement('li');
          li.append(
            button(item.title, `Lier « ${item.title} »`, () => {
              insert(
                `[Lire aussi : ${item.title.replace(/[[\]\n]/g, ' ')}](article:${item.id})`,
              );
              dialog.close();
            }),
          );
          return li;
        }),
      );
      if (!items.length && input.value.trim().length >= 2)
        results.textContent = 'Aucun article ne correspond.';
    }, 250);
  });
  dialog.append(title, label, input, results, close);
  document.body.append(dialog);
  return dialog;
}

const textarea = document.querySelector<HTMLTextAreaElement>(
  '#editor-form textarea[name="bodySource"]',
);
if (textarea) {
  const form = textarea.form!;
  const mount = document.createElement('div');
  mount.className = 'rich-editor';
  const toolbar = document.createElement('div');
  toolbar.className = 'editor-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Mise en forme du texte');
  const surface = document.createElement('div');
  surface.className = 'rich-editor-surface';
  const counts = document.createElement('p');
  counts.className = 'editor-counts';
  counts.setAttribute('aria-live', 'off');
  mount.append(toolbar, surface, counts);
  textarea.insertAdjacentElement('beforebegin', mount);
  textarea.hidden = true;
  textarea.closest('.field')?.classList.add('field-rich');

  const editor = new Editor({
    element: surface,
    // The CSP forbids inline styles: ProseMirror's few rules are in admin.css instead.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        underline: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['mailto', 'tel'],
        },
      }),
      Markdown,
      BlockDirection,
      ...Islands,
    ],
    content: textarea.value,
    contentType: 'markdown',
    editorProps: {
      attributes: {
        class: 'article-body rich-editor-content',
        'aria-label': 'Texte de l’article',
        'aria-multiline': 'true',
        role: 'textbox',
        spellcheck: 'true',
        lang: 'fr',
      },
      // Keep the caret clear of the sticky save bar (about 4 rem) at the foot of the window.
      scrollMargin: { top: 16, right: 0, bottom: 80, left: 0 },
      scrollThreshold: { top: 16, right: 0, bottom: 80, left: 0 },
      // Google Docs wraps a whole copy in <b style="font-weight:normal">: unwrap it, or every
      // pasted line would come out bold. Styles go with the schema (only its marks are kept).
      transformPastedHTML: (pasted) =>
        pasted.replace(
          /<b\b[^>]*id="docs-internal-guid[^"]*"[^>]*>([\s\S]*)<\/b>/i,
          '$1',
        ),
      // A provider's URL pasted alone becomes an embed (docs/DOCUMENT_FORMAT.md).
      handlePaste: (_view, event) => {
        const text = event.clipboardData?.getData('text/plain')?.trim() ?? '';
        if (!recogniseEmbed(text)) return false;
        insertIsland(text);
        return true;
      },
    },
  });
  (mount as HTMLElement & { editor?: Editor }).editor = editor;
  keepUntouchedBlocks(editor, textarea.value);

  const sync = () => {
    if (sourceMode) return;
    const markdown = editor.getMarkdown();
    counts.textContent = countLabel(editor.getText());
    if (markdown === textarea.value) return;
    textarea.value = markdown;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  };
  // The stored text is kept as it was until someone types: opening an article changes nothing.
  counts.textContent = countLabel(editor.getText());
  editor.on('update', sync);

  const insertIsland = (source: string) => {
    editor
      .chain()
      .focus()
      // An empty paragraph after it, for the cursor: the next insertion must not replace it.
      .insertContent([
        { type: 'mdIsland', attrs: { source } },
        { type: 'paragraph' },
      ])
      .run();
  };
  // The media chooser (media.ts) offers a picture's Markdown: put it at the cursor.
  textarea.addEventListener('insert-markdown', (event) => {
    if (sourceMode) return;
    event.preventDefault();
    insertIsland((event as CustomEvent<string>).detail.trim());
  });

  const chain = () => editor.chain().focus();
  const readAlso = readAlsoDialog(insertIsland);
  const tools: HTMLButtonElement[] = [
    button('Intertitre', 'Intertitre (##)', () =>
      chain().toggleHeading({ level: 2 }).run(),
    ),
    button('Sous-intertitre', 'Sous-intertitre (###)', () =>
      chain().toggleHeading({ level: 3 }).run(),
    ),
    button('Gras', 'Gras (Ctrl+B)', () => chain().toggleBold().run()),
    button('Italique', 'Italique (Ctrl+I)', () => chain().toggleItalic().run()),
    button('Lien', 'Lien (Ctrl+K)', () => setLink()),
    button('Liste à puces', 'Liste à puces', () =>
      chain().toggleBulletList().run(),
    ),
    button('Liste numérotée', 'Liste numérotée', () =>
      chain().toggleOrderedList().run(),
    ),
    button('Citation', 'Citation', () => chain().toggleBlockquote().run()),
    button('Exergue', 'Exergue (citation mise en avant)', () =>
      insertIsland('> [!exergue]\n> La phrase à mettre en avant.'),
    ),
    button('Lire aussi', 'Lire aussi : lien vers un autre article', () =>
      readAlso.showModal(),
    ),
    button('Image', 'Image ou galerie de la photothèque', () =>
      document
        .querySelector<HTMLButtonElement>('[data-open-chooser="body"]')
        ?.click(),
    ),
    button(
      'Intégration',
      'Intégrer une vidéo, une publication, une carte',
      () => {
        const url = window.prompt(
          'Adresse de la page (YouTube, Vimeo, Dailymotion, X, Instagram, Facebook, TikTok, SoundCloud, Spotify, Google Maps) :',
        );
        if (!url) return;
        if (recogniseEmbed(url)) insertIsland(url.trim());
        else
          window.alert(
            'Cette adresse n’est pas celle d’un service reconnu : collez-la comme un lien.',
          );
      },
    ),
    button('Tableau', 'Tableau', () =>
      insertIsland(
        '| Colonne 1 | Colonne 2 |\n| --- | --- |\n| Valeur | Valeur |',
      ),
    ),
  ];
  if (textarea.dataset['rawHtml'] === 'true')
    tools.push(
      button('HTML', 'Bloc HTML (éditeurs ; nettoyé à l’enregistrement)', () =>
        insertIsland('```html\n<p></p>\n```'),
      ),
    );
  tools.push(
    button('Annuler', 'Annuler (Ctrl+Z)', () => chain().undo().run()),
    button('Rétablir', 'Rétablir (Ctrl+Maj+Z)', () => chain().redo().run()),
  );
  // Markdown stays available: the source can be typed or pasted as is, then edited richly again.
  let sourceMode = false;
  const toggle = button('Markdown', 'Source Markdown', () => {
    sourceMode = !sourceMode;
    toggle.setAttribute('aria-pressed', String(sourceMode));
    textarea.hidden = !sourceMode;
    surface.hidden = sourceMode;
    for (const tool of tools) tool.disabled = sourceMode;
    if (sourceMode) textarea.focus();
    else {
      editor.commands.setContent(textarea.value, {
        contentType: 'markdown',
        emitUpdate: false,
      });
      counts.textContent = countLabel(editor.getText());
      editor.commands.focus();
    }
  });
  toggle.setAttribute('aria-pressed', 'false');
  toolbar.append(...tools, toggle);

  function setLink() {
    const previous = String(editor.getAttributes('link')['href'] ?? '');
    const url = window.prompt(
      'Adresse du lien (vide pour retirer le lien) :',
      previous,
    );
    if (url === null) return;
    if (!url.trim()) chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: url.trim() }).run();
  }

  // Keyboard: save, preview, submit; Ctrl+K for a link.
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const key = event.key.toLowerCase();
    if (key === 's') {
      event.preventDefault();
      sync();
      form.requestSubmit();
    } else if (key === 'k' && surface.contains(document.activeElement)) {
      event.preventDefault();
      setLink();
    } else if (key === 'p' && event.shiftKey) {
      event.preventDefault();
      document.querySelector<HTMLElement>('#preview-title')?.scrollIntoView();
      document.querySelector<HTMLButtonElement>('[data-preview-open]')?.click();
    } else if (key === 'enter') {
      const submit = document.querySelector<HTMLButtonElement>(
        'form[action$="/soumettre"] button[type="submit"]',
      );
      if (!submit) return;
      event.preventDefault();
      submit.click();
    }
  });
  form.addEventListener('submit', sync);
}
