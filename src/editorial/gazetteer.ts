import { readFileSync } from 'node:fs';

/*
 * What the entity extractor knows before reading: place names (countries, Moroccan cities and
 * regions, world capitals, continents) and the words that mark an organisation or a portfolio.
 * Hand-written; a newsroom extends it by creating tags with a kind, which the extractor then
 * recognises through their names and aliases.
 */

const COUNTRIES = `Afghanistan, Afrique du Sud, Albanie, Algérie, Allemagne, Andorre, Angola, Arabie saoudite, Argentine, Arménie,
Australie, Autriche, Azerbaïdjan, Bahreïn, Bangladesh, Belgique, Bénin, Bélarus, Biélorussie, Birmanie, Bolivie,
Bosnie, Botswana, Brésil, Bulgarie, Burkina Faso, Burundi, Cambodge, Cameroun, Canada, Cap-Vert, Centrafrique, Chili,
Chine, Chypre, Colombie, Comores, Congo, Corée du Nord, Corée du Sud, Costa Rica, Côte d'Ivoire, Croatie, Cuba,
Danemark, Djibouti, Égypte, Émirats arabes unis, Équateur, Érythrée, Espagne, Estonie, États-Unis, Éthiopie,
Finlande, France, Gabon, Gambie, Géorgie, Ghana, Grèce, Guatemala, Guinée, Guinée-Bissau, Guinée équatoriale, Haïti,
Honduras, Hongrie, Inde, Indonésie, Irak, Iran, Irlande, Islande, Israël, Italie, Jamaïque, Japon, Jordanie,
Kazakhstan, Kenya, Koweït, Laos, Lettonie, Liban, Liberia, Libye, Liechtenstein, Lituanie, Luxembourg, Macédoine,
Madagascar, Malaisie, Malawi, Mali, Malte, Maroc, Maurice, Mauritanie, Mexique, Moldavie, Monaco, Mongolie,
Monténégro, Mozambique, Namibie, Népal, Nicaragua, Niger, Nigeria, Norvège, Nouvelle-Zélande, Oman, Ouganda,
Ouzbékistan, Pakistan, Palestine, Panama, Paraguay, Pays-Bas, Pérou, Philippines, Pologne, Portugal, Qatar, Roumanie,
Royaume-Uni, Russie, Rwanda, Salvador, Sénégal, Serbie, Sierra Leone, Singapour, Slovaquie, Slovénie, Somalie,
Soudan, Sri Lanka, Suède, Suisse, Syrie, Tadjikistan, Taïwan, Tanzanie, Tchad, Tchéquie, Thaïlande, Togo, Tunisie,
Turquie, Ukraine, Uruguay, Venezuela, Vietnam, Yémen, Zambie, Zimbabwe`;

const REGIONS = `Afrique, Europe, Asie, Amérique, Océanie, Antarctique, Maghreb, Sahel, Sahara, Moyen-Orient, Proche-Orient,
Extrême-Orient, Méditerranée, Atlantique, Golfe, Balkans, Caraïbes, Scandinavie, Amérique latine, Afrique du Nord,
Afrique de l'Ouest, Union européenne`;

const MOROCCO = `Casablanca, Rabat, Salé, Fès, Marrakech, Tanger, Meknès, Agadir, Oujda, Kénitra, Tétouan, Témara, Safi, Mohammedia,
Khouribga, El Jadida, Béni Mellal, Nador, Taza, Settat, Berrechid, Khémisset, Inezgane, Ksar El Kébir, Larache,
Guelmim, Berkane, Khénifra, Taourirt, Ouarzazate, Tiznit, Errachidia, Essaouira, Dakhla, Laâyoune, Al Hoceima,
Chefchaouen, Ifrane, Azrou, Midelt, Tinghir, Zagora, Erfoud, Merzouga, Asilah, Martil, Fnideq, Sidi Kacem,
Sidi Slimane, Youssoufia, Benguerir, Taroudant, Tan-Tan, Smara, Boujdour, Figuig, Bouznika, Skhirat, Aït Melloul,
Ouazzane, Sefrou, Souss, Rif, Oriental, Atlas, Moyen Atlas, Haut Atlas, Anti-Atlas, Drâa, Tafilalet, Gharb, Chaouia,
Doukkala, Tadla, Ourika`;

const CITIES = `Paris, Lyon, Marseille, Toulouse, Bordeaux, Lille, Nice, Nantes, Strasbourg, Montpellier, Londres, Madrid, Barcelone,
Séville, Rome, Milan, Berlin, Munich, Bruxelles, Amsterdam, Genève, Lisbonne, Vienne, Athènes, Istanbul, Ankara,
Moscou, Kiev, Varsovie, Prague, Budapest, Stockholm, Oslo, Copenhague, Dublin, Alger, Oran, Tunis, Tripoli, Le Caire,
Dakar, Abidjan, Bamako, Nouakchott, Niamey, Lagos, Abuja, Nairobi, Addis-Abeba, Johannesburg, Le Cap,
Pretoria, Kinshasa, Luanda, Riyad, Djeddah, Dubaï, Abou Dhabi, Doha, Beyrouth, Damas, Bagdad, Téhéran, Jérusalem,
Tel Aviv, Amman, Pékin, Shanghai, Hong Kong, Tokyo, Osaka, Séoul, Pyongyang, New Delhi, Bombay, Islamabad, Kaboul,
Bangkok, Jakarta, Manille, Sydney, Washington, New York, Los Angeles, Chicago, Miami, Montréal, Toronto, Ottawa,
Québec, Mexico, Brasilia, Rio de Janeiro, São Paulo, Buenos Aires, Santiago, Lima, Bogota, Caracas, Bruxelles,
Strasbourg, Gibraltar, Ceuta, Melilla, Algésiras, Séville, Malaga, Valence, Grenade`;

/** French places the extractor reads often and GeoNames spells otherwise or leaves out (départements, regions). */
const FRANCE = `Île-de-France, Hauts-de-France, Pas-de-Calais, Nord, Lot, Gironde, Bretagne, Normandie, Corse, Alsace, Lorraine, Provence,
Occitanie, Auvergne, Bourgogne, Hexagone, Nièvre, Indre, Rhône, Savoie, Haute-Savoie, Vendée, Finistère, Moselle, Var, Hérault`;

/** Names are comma-separated: many hold spaces themselves. */
function list(text: string): string[] {
  return text.split(',').map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

export const PLACE_NAMES: readonly string[] = [...list(COUNTRIES), ...list(REGIONS), ...list(MOROCCO), ...list(CITIES), ...list(FRANCE)];

/**
 * The towns of France and Morocco and the world's larger towns, from GeoNames (data/places.txt,
 * CC BY 4.0, built by scripts/buildPlaces.ts). Checked after the hand-written names, which give
 * the French forms (« Marrakech », not GeoNames' « Marrakesh »).
 */
export const GEONAMES_PLACES: readonly string[] = readFileSync(new URL('./data/places.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);

/**
 * Media, institutions and other organisations whose names hold lower-case words or figures
 * (« France 2 », « Assemblée nationale », « Maison Blanche »): matched word by word before any
 * other reading, so « France 2 » is a channel and not the country, « Ouest-France » a newspaper.
 */
export const FIXED_ORGANISATIONS: readonly string[] = list(`France 2, France 3, France 5, France Inter, France Info, franceinfo, France Bleu, France Culture,
France 24, France Télévisions, Radio France, RFI, Europe 1, RTL, RMC, M6, TF1, C8, TMC, W9, LCI, BFMTV, BFM TV, CNews, Arte, Canal+,
Le Monde, Le Figaro, Le Parisien, Libération, Les Échos, Les Echos, Ouest-France, Ouest France, Le Point, L'Express, L'Obs,
Le Journal du dimanche, JDD, Paris Match, Closer, Figaro, Le Huffington Post, HuffPost, Mediapart, Streetpress, 20 Minutes,
La Croix, L'Humanité, Le Canard enchaîné, Sud Ouest, La Dépêche, Le Dauphiné libéré, Nice-Matin, La Voix du Nord, Le Progrès,
Radio classique, France 3 Hauts-de-France, Der Spiegel, New York Times, Washington Post, CNN, BBC, Al Jazeera, AFP, Reuters,
Associated Press, Twitter, Facebook, Instagram, YouTube, TikTok, Snapchat, Hespress, Le360, Médias24, TelQuel, 2M, Medi1, Medi 1 TV,
Le Matin, L'Economiste, Maison Blanche, Élysée, Matignon, Assemblée nationale, Sénat, Parlement européen, Commission européenne,
Conseil constitutionnel, Conseil d'État, Cour des comptes, Cour de cassation, Chambre des représentants, Chambre des conseillers,
Chambre des députés, Front national, Rassemblement national, La République en marche, Les Républicains, Parti socialiste,
La France insoumise, Banque mondiale, Fonds monétaire international, Organisation mondiale de la santé, Bison Futé, Bison futé`);

/** Words that make a name an organisation when they are part of it. */
export const ORGANISATION_WORDS = new Set([
  'groupe', 'group', 'banque', 'bank', 'centre', 'université', 'universite', 'institut', 'agence', 'association', 'fédération',
  'federation', 'ministère', 'ministere', 'office', 'société', 'societe', 'compagnie', 'club', 'fc', 'osc', 'ac', 'sc', 'as', 'rc',
  'united', 'city', 'real', 'olympique', 'limited', 'ltd', 'inc', 'co', 'sa', 'sarl', 'holding', 'technology', 'technologies',
  'airlines', 'airways', 'telecom', 'motors', 'fondation', 'foundation', 'conseil', 'commission', 'parti', 'front', 'mouvement',
  'union', 'organisation', 'organization', 'nations', 'fonds', 'caisse', 'académie', 'academie', 'hôpital', 'hopital', 'école',
  'ecole', 'lycée', 'festival', 'armée', 'collectif', 'tribunal', 'cour', 'assemblée', 'assemblee', 'sénat', 'senat', 'parlement', 'gouvernement',
  'maroc telecom', 'wydad', 'raja', 'médias', 'media', 'press', 'news', 'radio', 'télévision', 'tv',
]);

/** Capitalised words that are not names on their own (sentence openers, titles, generic nouns). */
export const NOT_NAMES = new Set([
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'ce', 'ces', 'cet', 'cette', 'en', 'au', 'aux', 'a', 'à', 'et', 'ou',
  'mais', 'pour', 'par', 'sur', 'dans', 'avec', 'lors', 'selon', 'après', 'avant', 'depuis', 'pendant', 'quand', 'si', 'il', 'elle',
  'ils', 'elles', 'on', 'nous', 'vous', 'je', 'tu', 'son', 'sa', 'ses', 'leur', 'leurs', 'mon', 'ma', 'mes', 'notre', 'nos', 'tout',
  'tous', 'toute', 'toutes', 'plus', 'moins', 'très', 'aussi', 'ainsi', 'alors', 'enfin', 'déjà', 'encore', 'comme', 'entre', 'vers',
  'chez', 'sans', 'sous', 'contre', 'royaume', 'état', 'etat', 'président', 'presidente', 'présidente', 'premier', 'première',
  'ministre', 'roi', 'prince', 'princesse', 'monsieur', 'madame', 'm', 'mme', 'dr', 'docteur', 'professeur', 'suivez', 'lire',
  'voir', 'vidéo', 'video', 'photo', 'photos', 'direct', 'exclusif', 'info', 'infos', 'ville', 'région', 'province',
  'est', 'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre',
  'décembre', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'centre',
  // Titles, honorifics and headline words that open a span before a name (« PDG d'Air France », « Mort de Ludovic Chancel »).
  'pdg', 'dg', 'maire', 'député', 'députée', 'sénateur', 'sénatrice', 'général', 'colonel', 'capitaine', 'caporal', 'sapeur', 'chef',
  'outre', 'présent', 'présente', 'invité', 'invitée', 'mort', 'décès', 'deux', 'trois', 'quatre', 'grève', 'jour', 'affaire',
  'procès', 'retraites', 'miss', 'saint-valentin', 'gilets', 'jaunes', 'code', 'constitution', 'guerre', 'antiquité',
  // Acronyms of common nouns: no one's name.
  'ong', 'itt', 'vtc', 'adn', 'arn', 'crs', 'paf', 'msi', 'acd', 'sida', 'pib', 'tva', 'smic', 'rsa', 'sms', 'gps', 'ivg', 'pma', 'rer', 'tgv',
  'ter', 'suv', 'ehpad', 'hlm', 'cdi', 'cdd', 'ndlr', 'qg', 'pdf',
]);

/** Nouns after which a capitalised phrase is the title of a show or a work (« l'émission phare Recherche appartement… »), not an entity. */
export const WORK_NOUNS = new Set(['émission', 'spectacle', 'film', 'série', 'album', 'livre', 'roman', 'chanson', 'programme', 'documentaire', 'pièce']);

/** Portfolio words that may open a span before a minister's name (« des Finances Bruno Le Maire »). */
export const PORTFOLIO_WORDS = new Set([
  'finances', 'économie', 'economie', 'intérieur', 'interieur', 'justice', 'santé', 'sante', 'culture', 'éducation', 'education',
  'armées', 'armees', 'défense', 'defense', 'travail', 'agriculture', 'égalité', 'egalite', 'transports', 'logement', 'sports',
  'environnement', 'budget', 'comptes', 'solidarités', 'affaires', 'étrangères', 'europe',
]);

/** Words after which a capitalised name is a place (« place de Clichy », « rue de Rivoli », « vallée du Rhône »). */
/** Places whose names hold lower-case words (« Émirats arabes unis », « Corée du Nord »), matched like FIXED_ORGANISATIONS. */
export const FIXED_PLACES: readonly string[] = list(`Émirats arabes unis, Emirats arabes unis, Corée du Nord, Corée du Sud, Arabie saoudite,
Guinée équatoriale, Royaume Uni, Afrique du Sud, Afrique du Nord, Amérique du Nord, Amérique du Sud, Amérique latine, vallée du Rhône`);

/** Nouns that say the name next to them is a person's (« la chanteuse, Santa », « Katia, une ressortissante russe »). */
export const PERSON_NOUNS = new Set(['chanteuse', 'chanteur', 'artiste', 'animateur', 'animatrice', 'humoriste', 'acteur', 'actrice', 'fils', 'fille',
  'mère', 'père', 'épouse', 'mari', 'compagne', 'compagnon', 'secouriste', 'ressortissante', 'ressortissant', 'rappeur', 'rappeuse', 'écrivain',
  'écrivaine', 'joueur', 'joueuse', 'entraîneur', 'avocat', 'avocate', 'journaliste', 'militante', 'militant', 'veuve', 'frère', 'sœur']);

/** Nouns that say the name after them is an organisation's (« le groupe niçois Hyphen Hyphen », « l'enseigne Monoprix »). */
export const ORGANISATION_NOUNS = new Set(['groupe', 'société', 'enseigne', 'chaîne', 'journal', 'magazine', 'quotidien', 'hebdomadaire', 'association',
  'associations', 'banque', 'parti', 'syndicat', 'entreprise', 'marque', 'constructeur', 'club', 'ong', 'label', 'cabinet', 'institut', 'start-up',
  'lycée', 'collège', 'école', 'université', 'hôpital', 'clinique', 'stade']);

export const PLACE_CONTEXT = new Set(['place', 'rue', 'avenue', 'boulevard', 'quai', 'vallée', 'parc', 'plage', 'port', 'commune', 'ville', 'village']);

/** Words after which a capitalised phrase is a portfolio (« ministre des Affaires étrangères »), not a name. */
export const PORTFOLIO_HEADS = new Set(['ministre', 'ministère', 'ministere', 'secrétaire', 'secretaire', 'commissaire', 'ministres']);

/** Lower-case words that may sit inside a name (« Yassine El Yattioui », « Banque de France »). */
// Not « et »: « Bordeaux et Poitiers » are two places (a name with « et » is written with « & » or hyphens).
export const NAME_PARTICLES = new Set(['de', 'du', 'des', "d'", 'la', 'el', 'al', 'ben', 'bin', 'ibn', 'ould', 'von', 'van', 'der', 'of', 'the', '&']);

/** First words of Maghreb place names (« Sidi Moumen », « Aïn Sebaâ », « Bab Taza », « Oulad Teima »). */
export const PLACE_HEADS = new Set(['sidi', 'ain', 'aïn', 'oued', 'bab', 'dar', 'douar', 'ras', 'tizi', 'ksar', 'bir', 'jbel', 'djebel', 'oulad', 'ouled', 'ait', 'aït', 'hay', 'tamesna']);

/** Words after which a name is where something happens (« à Sidi Moumen », « en Extrême-Orient »). */
export const PLACE_PREPOSITIONS = new Set(['à', 'au', 'aux', 'en', 'vers']);
