/**
 * 100 queries as readers type them on a French news site: names, topics, accentless words,
 * plurals, elisions, phrases in quotes, and half-typed last words (matched as prefixes).
 */
export const BENCH_QUERIES: readonly string[] = [
  // Names and places
  'macron', 'emmanuel macron', 'marine le pen', 'jean-luc melenchon', 'edouard philippe', 'olivier veran', 'donald trump', 'joe biden',
  'angela merkel', 'boris johnson', 'paris', 'marseille', 'lyon', 'bretagne', 'corse', 'chine', 'japon', 'maroc', 'algerie', 'etats-unis',
  // Topics, accentless or not
  'coronavirus', 'covid', 'confinement', 'deconfinement', 'vaccin', 'masques', 'hopital', 'hôpitaux', 'medecins', 'infirmieres',
  'greve', 'grèves sncf', 'retraites', 'reforme des retraites', 'gilets jaunes', 'manifestation', 'police', 'policiers', 'violences policieres',
  'gendarmes', 'incendie', 'inondations', 'tempete', 'secheresse', 'rechauffement climatique', 'pollution', 'nucleaire', 'electricite',
  'voiture electrique', 'voitures électriques', 'batteries', 'carburant', 'prix de l\'essence', 'chomage', 'economie', 'l\'économie francaise',
  'croissance', 'impots', 'budget', 'elections municipales', 'election presidentielle', 'assemblee nationale', 'senat', 'ministre',
  'ministre de l\'interieur', 'justice', 'tribunal', 'proces', 'prison', 'terrorisme', 'attentat', 'enfants', 'ecoles', 'bac', 'universite',
  'football', 'ligue 1', 'coupe du monde', 'tour de france', 'jeux olympiques', 'cinema', 'festival de cannes', 'musique', 'television',
  // Phrases
  '"gilets jaunes"', '"emmanuel macron"', '"reforme des retraites"', '"coupe du monde"', '"etat d\'urgence"', '"president de la republique"',
  // Half-typed last words (prefix while typing)
  'gouvern', 'confin', 'epidem', 'manifest', 'presid', 'elect', 'partenariat strat', 'vaccin contre la gri', 'accident de la rou', 'incendie de for',
];
