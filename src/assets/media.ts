/*
 * Pictures in the back office: uploads (drag and drop, paste, several files at once, one
 * progress bar per file), the focal point (click the picture), and the editor's cover chooser.
 * No imports: Node strips the types at start-up and serves this file as a module. Everything
 * here enhances pages that work without it, except uploading, which needs it.
 */

interface MediaJson {
  id: number;
  fileName: string;
  width: number;
  height: number;
  alt: string;
  decorative: boolean;
  caption: string;
  credit: string;
  thumb: string;
  editUrl: string;
}

function uploadFile(zone: HTMLElement, file: File): Promise<MediaJson | null> {
  const list = zone.querySelector<HTMLUListElement>('.upload-list');
  const item = document.createElement('li');
  const name = document.createElement('span');
  name.textContent = file.name || 'image collée';
  const bar = document.createElement('progress');
  bar.max = 100;
  bar.value = 0;
  bar.setAttribute('aria-label', `Envoi de ${name.textContent}`);
  const status = document.createElement('span');
  status.className = 'upload-status';
  status.textContent = 'Envoi…';
  item.append(name, ' ', bar, ' ', status);
  list?.append(item);
  const body = new FormData();
  body.append('purpose', zone.dataset['purpose'] ?? 'any');
  body.append('file', file, file.name || 'image-collee.png');
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', zone.dataset['uploadUrl'] ?? '/admin/medias');
    xhr.setRequestHeader('csrf-token', zone.dataset['csrf'] ?? '');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable)
        bar.value = Math.round((event.loaded / event.total) * 100);
    });
    xhr.addEventListener('load', () => {
      let data:
        | (MediaJson & { message?: string; error?: { message?: string } })
        | null = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data) {
        bar.value = 100;
        item.classList.add('upload-ok');
        status.textContent = 'Envoyée. ';
        const link = document.createElement('a');
        link.href = data.editUrl;
        link.textContent = 'Décrire et recadrer';
        status.append(link);
        resolve(data);
      } else {
        item.classList.add('upload-error');
        status.textContent =
          data?.error?.message ??
          data?.message ??
          `L’envoi a échoué (erreur ${xhr.status}).`;
        resolve(null);
      }
    });
    xhr.addEventListener('error', () => {
      item.classList.add('upload-error');
      status.textContent =
        'L’envoi a été interrompu : vérifiez votre connexion et réessayez.';
      resolve(null);
    });
    xhr.send(body);
  });
}

async function uploadAll(
  zone: HTMLElement,
  files: Iterable<File>,
): Promise<void> {
  for (const file of files) {
    const media = await uploadFile(zone, file);
    if (media)
      zone.dispatchEvent(
        new CustomEvent<MediaJson>('media-uploaded', {
          detail: media,
          bubbles: true,
        }),
      );
    if (media && zone.dataset['uploadUrl']?.endsWith('/remplacer'))
      window.location.reload();
  }
}

for (const zone of document.querySelectorAll<HTMLElement>('.dropzone')) {
  const input = zone.querySelector<HTMLInputElement>('input[type="file"]');
  input?.addEventListener('change', () => {
    if (input.files) void uploadAll(zone, [...input.files]);
    input.value = '';
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    if (event.dataTransfer?.files.length)
      void uploadAll(zone, [...event.dataTransfer.files]);
  });
}

// Pasting a picture anywhere on a page with one drop zone uploads it there.
const zones = document.querySelectorAll<HTMLElement>('.dropzone');
if (zones.length === 1) {
  document.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])].filter((f) =>
      f.type.startsWith('image/'),
    );
    if (files.length) {
      event.preventDefault();
      void uploadAll(zones[0]!, files);
    }
  });
}

// The focal point: a click on the picture sets it; the marker shows it.
const picker = document.querySelector<HTMLElement>('[data-focal-picker]');
if (picker) {
  const frame = picker.querySelector<HTMLElement>('.focal-frame');
  const img = frame?.querySelector<HTMLImageElement>('img');
  const marker = frame?.querySelector<HTMLElement>('.focal-marker');
  const fx = picker.querySelector<HTMLInputElement>('input[name="focalX"]');
  const fy = picker.querySelector<HTMLInputElement>('input[name="focalY"]');
  const place = () => {
    if (!marker || !fx || !fy) return;
    marker.hidden = false;
    marker.style.left = `${Number(fx.value) * 100}%`;
    marker.style.top = `${Number(fy.value) * 100}%`;
  };
  place();
  img?.addEventListener('click', (event) => {
    const box = img.getBoundingClientRect();
    if (!fx || !fy) return;
    fx.value = Math.min(
      1,
      Math.max(0, (event.clientX - box.left) / box.width),
    ).toFixed(4);
    fy.value = Math.min(
      1,
      Math.max(0, (event.clientY - box.top) / box.height),
    ).toFixed(4);
    place();
  });
  fx?.addEventListener('input', place);
  fy?.addEventListener('input', place);
}

// Crops by hand: each ratio's frame is dragged over the whole picture (its corner handle resizes
// it, keeping the ratio) and writes its rectangle, in the original's pixels, into the number
// fields the form sends. Keyboard: arrows move it, + and - resize it.
for (const editor of document.querySelectorAll<HTMLElement>(
  '[data-crop-editor]',
)) {
  const W = Number(editor.dataset['width']);
  const H = Number(editor.dataset['height']);
  const [rw, rh] = (editor.dataset['ratio'] ?? '1:1').split(':').map(Number);
  const aspect = rh! / rw!;
  const block = editor.closest<HTMLElement>('.crop');
  const frame = editor.querySelector<HTMLElement>('.crop-frame');
  const inputs = ['x', 'y', 'width'].map((p) =>
    block?.querySelector<HTMLInputElement>(`input[name$="-${p}"]`),
  );
  const [ix, iy, iw] = inputs;
  if (!frame || !ix || !iy || !iw) continue;
  // A field left empty follows the focal point: the placeholder holds that rectangle.
  const read = (i: HTMLInputElement) => Number(i.value || i.placeholder);
  let rect = { x: read(ix), y: read(iy), w: read(iw) };
  const clamp = (r: typeof rect) => {
    const w = Math.max(32, Math.min(r.w, W, H / aspect));
    return {
      w,
      x: Math.max(0, Math.min(r.x, W - w)),
      y: Math.max(0, Math.min(r.y, H - w * aspect)),
    };
  };
  const draw = () => {
    frame.style.left = `${(rect.x / W) * 100}%`;
    frame.style.top = `${(rect.y / H) * 100}%`;
    frame.style.width = `${(rect.w / W) * 100}%`;
    frame.style.height = `${((rect.w * aspect) / H) * 100}%`;
  };
  const set = (next: typeof rect) => {
    rect = clamp(next);
    ix.value = String(Math.round(rect.x));
    iy.value = String(Math.round(rect.y));
    iw.value = String(Math.round(rect.w));
    draw();
  };
  rect = clamp(rect);
  draw();
  for (const i of inputs)
    i?.addEventListener('input', () => {
      rect = clamp({ x: read(ix), y: read(iy), w: read(iw) });
      draw();
    });
  let drag: {
    resize: boolean;
    startX: number;
    startY: number;
    from: typeof rect;
  } | null = null;
  frame.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    frame.setPointerCapture(event.pointerId);
    drag = {
      resize: (event.target as HTMLElement).classList.contains('crop-handle'),
      startX: event.clientX,
      startY: event.clientY,
      from: { ...rect },
    };
  });
  frame.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const box = editor.getBoundingClientRect();
    const dx = ((event.clientX - drag.startX) * W) / box.width;
    const dy = ((event.clientY - drag.startY) * H) / box.height;
    set(
      drag.resize
        ? { ...drag.from, w: drag.from.w + dx }
        : { ...drag.from, x: drag.from.x + dx, y: drag.from.y + dy },
    );
  });
  const end = () => {
    drag = null;
  };
  frame.addEventListener('pointerup', end);
  frame.addEventListener('pointercancel', end);
  frame.addEventListener('keydown', (event) => {
    const step = W / 50;
    const moves: Record<string, Partial<typeof rect>> = {
      ArrowLeft: { x: rect.x - step },
      ArrowRight: { x: rect.x + step },
      ArrowUp: { y: rect.y - step },
      ArrowDown: { y: rect.y + step },
      '+': { w: rect.w + step },
      '-': { w: rect.w - step },
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    set({ ...rect, ...move });
  });
}

// The editor: choose the cover in the library (or upload one), insert pictures in the body.
const coverBox = document.querySelector<HTMLElement>('[data-cover-box]');
if (coverBox) {
  const form = coverBox.closest('form');
  const idInput = coverBox.querySelector<HTMLInputElement>(
    'input[name="coverMediaId"]',
  );
  const preview = coverBox.querySelector<HTMLImageElement>('.cover-preview');
  const dialog = document.querySelector<HTMLDialogElement>('#media-chooser');
  const results = dialog?.querySelector<HTMLElement>('.chooser-results');
  const search = dialog?.querySelector<HTMLInputElement>(
    'input[type="search"]',
  );
  const body = form?.querySelector<HTMLTextAreaElement>(
    'textarea[name="bodySource"]',
  );
  let mode: 'cover' | 'body' = 'cover';

  const fillIfEmpty = (name: string, value: string) => {
    const el = form?.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (el && !el.value && value) el.value = value;
  };
  const useAsCover = (m: MediaJson) => {
    if (idInput) idInput.value = String(m.id);
    if (preview) {
      preview.src = m.thumb;
      preview.alt = m.alt;
      preview.hidden = false;
    }
    fillIfEmpty('coverAlt', m.decorative ? '' : m.alt);
    fillIfEmpty('coverCaption', m.caption);
    fillIfEmpty('coverCredit', m.credit);
    form?.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const insertInBody = (m: MediaJson) => {
    if (!body) return;
    const caption = m.caption.replace(/"/g, '«');
    const line = `\n\n![${m.alt.replace(/[[\]]/g, '')}](media:${m.id}${caption ? ` "${caption}"` : ''})\n\n`;
    // The rich editor (richEditor.ts) takes the line at its cursor; without it, the textarea.
    const offer = new CustomEvent('insert-markdown', {
      detail: line,
      cancelable: true,
    });
    if (!body.dispatchEvent(offer)) return;
    const at = body.selectionStart ?? body.value.length;
    body.value = body.value.slice(0, at) + line + body.value.slice(at);
    body.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const choose = (m: MediaJson) => {
    if (mode === 'cover') useAsCover(m);
    else insertInBody(m);
    dialog?.close();
  };

  const load = async () => {
    if (!results) return;
    const response = await fetch(
      `/admin/medias.json?q=${encodeURIComponent(search?.value ?? '')}`,
      { credentials: 'same-origin', headers: { accept: 'application/json' } },
    );
    if (!response.ok) {
      results.textContent = 'La photothèque n’a pas pu être chargée.';
      return;
    }
    const data = (await response.json()) as { items: MediaJson[] };
    results.replaceChildren(
      ...data.items.map((m) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'chooser-item';
        const img = document.createElement('img');
        img.src = m.thumb;
        img.alt = '';
        img.width = 160;
        img.height = 120;
        img.loading = 'lazy';
        const label = document.createElement('span');
        label.textContent = `${m.fileName} (${m.width} px)`;
        button.append(img, label);
        button.addEventListener('click', () => choose(m));
        return button;
      }),
    );
    if (!data.items.length) results.textContent = 'Aucune image ne correspond.';
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  search?.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 250);
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>(
    '[data-open-chooser]',
  )) {
    button.addEventListener('click', () => {
      mode = button.dataset['openChooser'] === 'body' ? 'body' : 'cover';
      dialog?.showModal();
      void load();
    });
  }
  dialog
    ?.querySelector('[data-close]')
    ?.addEventListener('click', () => dialog.close());
  coverBox
    .querySelector('[data-remove-cover]')
    ?.addEventListener('click', () => {
      if (idInput) idInput.value = '';
      if (preview) preview.hidden = true;
    });
  coverBox.addEventListener('media-uploaded', (event) =>
    useAsCover((event as CustomEvent<MediaJson>).detail),
  );
}
