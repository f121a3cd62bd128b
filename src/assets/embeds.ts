/*
 * Privacy facades for embeds (domain/embeds.ts): nothing is loaded from a provider until the
 * reader asks. Each facade gets a button; the click puts the provider's player in its place.
 * Without this script the facade stays a link to the provider's page.
 */
for (const figure of document.querySelectorAll<HTMLElement>(
  'figure.embed[data-embed-frame]',
)) {
  const frame = figure.dataset['embedFrame'] ?? '';
  const label = figure.dataset['embedLabel'] ?? '';
  if (!frame.startsWith('https://')) continue;
  const facade = figure.querySelector<HTMLElement>('.embed-facade');
  if (!facade) continue;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'embed-load';
  button.textContent = `Afficher le contenu ${label}`;
  facade.append(button);
  button.addEventListener('click', () => {
    const iframe = document.createElement('iframe');
    iframe.src = frame;
    iframe.title = `Contenu ${label}`;
    iframe.className = 'embed-frame';
    iframe.allow = 'autoplay; encrypted-media; fullscreen; picture-in-picture';
    iframe.referrerPolicy = 'strict-origin-when-cross-origin';
    iframe.setAttribute('allowfullscreen', '');
    facade.replaceWith(iframe);
    figure.classList.add('embed-loaded');
    iframe.focus();
  });
}
