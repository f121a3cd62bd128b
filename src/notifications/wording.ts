/** How each notification reads, in the back office and in e-mails. */
const VERBS: Record<string, string> = {
  submitted: 'a envoyé en relecture',
  returned: 'a renvoyé à son auteur',
  published: 'a publié',
  scheduled: 'a programmé',
  mentioned: 'vous a mentionné dans un commentaire sur',
};

/** « Karim a publié « Le port… » » */
export function notificationText(n: {
  kind: string;
  actorName: string | null;
  articleTitle: string | null;
}): string {
  const who = n.actorName ?? 'Quelqu’un';
  const what = n.articleTitle ? `« ${n.articleTitle} »` : 'un article';
  return `${who} ${VERBS[n.kind] ?? 'a modifié'} ${what}`;
}
