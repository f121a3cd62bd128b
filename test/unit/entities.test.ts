import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractEntities } from '../../src/editorial/entities.ts';

const kinds = (text: string) =>
  new Map(extractEntities(text).map((e) => [e.name, e.kind]));

test('entities: a straight quote closes by what touches it, so a name after a split quotation is not read as quoted', () => {
  const found = kinds(
    '"La lave coule. Nous partons", a écrit sur Facebook Gernot Xylander, sur place.',
  );
  assert.equal(found.get('Gernot Xylander'), 'person');
});

test('entities: a role before a name, also across one adjective, and any « -logue », makes it a person', () => {
  assert.equal(
    kinds('Selon le vulcanologue allemand Behncke, la lave coule.').get(
      'Behncke',
    ),
    'person',
  );
  assert.equal(
    kinds('Le patient a vu le cardiologue Xylander mardi.').get('Xylander'),
    'person',
  );
});

test('entities: a given name alone, or opening a name, is a person', () => {
  assert.equal(
    kinds("Les enfants de Johnny se disputent l'héritage.").get('Johnny'),
    'person',
  );
  assert.equal(
    kinds('Le public a aussi applaudi Amir sur scène.').get('Amir'),
    'person',
  );
});

test('entities: an age in apposition or a verb only people take makes a one-word name a person', () => {
  assert.equal(
    kinds('Le parquet a entendu Xylor, 45 ans, mardi.').get('Xylor'),
    'person',
  );
  assert.equal(
    kinds('Hier, Quorane s’était confiée à la presse.').get('Quorane'),
    'person',
  );
  assert.equal(
    kinds('Dans la nuit, Zembrine est morte chez elle.').get('Zembrine'),
    'person',
  );
});

test('entities: titles before a name go, with what they take (« de la Paix », « de la République »)', () => {
  const found = kinds(
    'Le régime est accusé, selon la Prix Nobel de la Paix Shirin Ebadi. Le président de la République a réagi sur Twitter. Le Président Xavier Moulinot parle.',
  );
  assert.equal(found.get('Shirin Ebadi'), 'person');
  assert.equal(found.get('Xavier Moulinot'), 'person');
  for (const not of ['Prix Nobel', 'Paix Shirin Ebadi', 'République', 'Paix'])
    assert.equal(found.has(not), false, not);
  assert.equal(
    kinds('Il a reçu le Prix Goncourt en novembre.').size,
    0,
    'a prize names no one',
  );
});

test('entities: a press title keeps its article after a lower-case article or contraction, not a region', () => {
  const found = kinds(
    'Le drame a eu lieu mardi, rapporte le Républicain lorrain. Selon le Parisien, la police enquête. Une information du Monde.',
  );
  assert.equal(found.get('Le Républicain lorrain'), 'organisation');
  assert.equal(found.get('Le Parisien'), 'organisation');
  assert.equal(found.get('Le Monde'), 'organisation');
  assert.equal(found.has('Républicain lorrain'), false);
  assert.equal(
    kinds('Il fait beau dans la Provence et en Provence.').get('Provence'),
    'place',
  );
});

test('entities: a one-word title that is also a sentence word is that word when it opens a sentence', () => {
  assert.equal(kinds('Voici le détail des prévisions.').has('Voici'), false);
  assert.equal(
    kinds('Le couple a posé pour Voici cette semaine.').get('Voici'),
    'organisation',
  );
});

test('entities: the title of a work is no name', () => {
  const found = kinds(
    "L'interprète du Prélude de Bach est morte. L'orchestre a joué la Symphonie du Nouveau Monde.",
  );
  for (const not of ['Prélude de Bach', 'Symphonie du Nouveau Monde'])
    assert.equal(found.has(not), false, not);
});

test('entities: a first name alone later in the article joins the full name', () => {
  const found = extractEntities(
    'Marie Dupont est arrivée lundi. Plus tard, Marie a parlé à la presse.',
  );
  const marie = found.filter((e) => /Marie/.test(e.name));
  assert.equal(marie.length, 1);
  assert.equal(marie[0]!.name, 'Marie Dupont');
  assert.equal(marie[0]!.mentions, 2);
});

test('entities: a name ending on a country or holding « des » without a given name is a company; media words make one', () => {
  const found = kinds(
    "L'information a été donnée par Warner Music France. La Française des Jeux a bloqué les grilles. Elle l'a dit à Télé Loisirs.",
  );
  assert.equal(found.get('Warner Music France'), 'organisation');
  assert.equal(found.get('Française des Jeux'), 'organisation');
  assert.equal(found.get('Télé Loisirs'), 'organisation');
  assert.equal(
    kinds('Le meeting de Marine Le Pen a eu lieu.').get('Marine Le Pen'),
    'person',
    'a surname that is also a hamlet stays a person',
  );
});

test('entities: a rubric in capitals is no name; a paragraph glued after an acronym still ends the sentence', () => {
  const found = kinds(
    'FAIT DIVERS. Un homme a été arrêté à Caen, selon TMZ.Une enquête est ouverte.',
  );
  assert.equal(found.has('FAIT DIVERS'), false);
  assert.equal(found.get('TMZ'), 'organisation');
  assert.equal(found.has('TMZ Une'), false);
});

test('entities: a shorter form of a full name (« Dupont de Ligonnès ») is the same person', () => {
  const found = extractEntities(
    'Xavier Dupont de Ligonnès a disparu. Dupont de Ligonnès est recherché.',
  ).filter((e) => e.kind === 'person');
  assert.equal(found.length, 1);
  assert.equal(found[0]!.mentions, 2);
});

test('entities: « -iste » trades before a name; places known with their article; USA', () => {
  assert.equal(
    kinds('Le mentaliste Viktor a donné des numéros.').get('Viktor'),
    'person',
  );
  assert.equal(kinds('Le train allait au Mans.').get('Le Mans'), 'place');
  assert.equal(kinds('Il vit aux USA depuis 2010.').get('USA'), 'place');
});

test('entities: an acronym before a person is two entities; one inhabitant after an article is no name', () => {
  const found = kinds(
    "Le candidat RN Louis Aliot l'emporte. Le procès de l'Australien a repris.",
  );
  assert.equal(found.get('RN'), 'organisation');
  assert.equal(found.get('Louis Aliot'), 'person');
  assert.equal(found.has('RN Louis Aliot'), false);
  assert.equal(found.has('Australien'), false);
});

/** The entities of a text as « name/kind », with aliases, to compare whole readings. */
const reading = (text: string) =>
  extractEntities(text).map(
    (e) =>
      `${e.name}/${e.kind}${e.aliases.length ? ` [${e.aliases.join(', ')}]` : ''}`,
  );

test('entities: a spaced dash ends a name; a sentence glued to the last word still ends there; an initial keeps its stop', () => {
  assert.deepEqual(
    reading('PEOPLE - Selon le site BuzzFeed, R. Kelly est accusé.'),
    ['BuzzFeed/organisation', 'R. Kelly/person'],
  );
  const glued = kinds(
    'La vidéo est diffusée par Non Stop ZappingLa réaction suit.',
  );
  assert.equal(glued.get('Non Stop Zapping'), 'organisation');
  assert.equal(glued.has('Stop ZappingLa'), false);
});

test('entities: a regnal number is no acronym; a « Mc » surname is no brand; a hyphenated given name is a person', () => {
  const found = kinds(
    'La reine Elizabeth II a reçu Asante McGee. « Il ment », dit Marie-Odile, la trésorière.',
  );
  assert.equal(found.get('Elizabeth II'), 'person');
  assert.equal(found.get('Asante McGee'), 'person');
  assert.equal(found.get('Marie-Odile'), 'person');
});

test('entities: names listed with a described one take its kind; a two-name list does not', () => {
  const found = kinds(
    'Des cendres sont tombées dans la région de Pedara, Trecastagni et Viagrande, selon l’institut.',
  );
  assert.equal(found.get('Trecastagni'), 'place');
  assert.equal(found.get('Viagrande'), 'place');
  // Two names only: « Ibuka » takes nothing from « Rwanda »; nothing describes it and it comes
  // once, so it is not suggested (a word read as nothing in particular needs a second mention).
  const twoNames =
    'Selon le Collectif des parties civiles pour le Rwanda et Ibuka, la banque savait.';
  assert.equal(kinds(twoNames).get('Ibuka'), undefined);
  assert.equal(
    kinds(`${twoNames} Ibuka porte plainte.`).get('Ibuka'),
    'organisation',
  );
});

test("entities: an acronym of a longer name's initials, and an organisation's first word, are that name", () => {
  assert.deepEqual(
    reading(
      'Crise au Front national : le secrétaire du FN dans le Var démissionne.',
    ),
    ['Front national/organisation [FN]', 'Var/place'],
  );
  assert.deepEqual(
    reading(
      "Le président de la région Provence-Alpes-Côte d'Azur parle. La région PACA attend.",
    ),
    ["Provence-Alpes-Côte d'Azur/place [PACA]"],
  );
  assert.deepEqual(
    reading("Il parle à l'Assemblée. L'Assemblée nationale vote mercredi."),
    ['Assemblée nationale/organisation [Assemblée]'],
  );
});

test('entities: an organisation word takes its described name, up to an acronym or the end of the clause', () => {
  assert.deepEqual(
    reading(
      "Selon l'Institut national de Géophysique et de Vulcanologie (INGV), le volcan Etna fume.",
    ),
    [
      'INGV/organisation [Institut national de Géophysique et de Vulcanologie]',
      'Etna/place',
    ],
  );
  assert.equal(
    kinds(
      'Il a été interpellé par la Direction générale de la sécurité intérieure, alors qu’il partait.',
    ).get('Direction générale de la sécurité intérieure'),
    'organisation',
  );
  // A verb after the head ends it: nothing is joined.
  assert.equal(
    kinds("L'Union a décidé que la France paierait.").has(
      'Union a décidé que la France',
    ),
    false,
  );
});

test('entities: place nouns across adjectives, « maire de », hyphenated places after « à », directions, « Canal+ » as written', () => {
  const found = kinds(
    'Le volcan sicilien Etna fume. Le maire de Levallois parle à Aix-Marseille, au Bouffes du Nord, près du Canal du Midi. Il regarde Canal+.',
  );
  assert.equal(found.get('Etna'), 'place');
  assert.equal(found.get('Levallois'), 'place');
  assert.equal(found.get('Aix-Marseille'), 'place');
  assert.equal(found.get('Bouffes du Nord'), 'place');
  assert.equal(found.get('Canal du Midi'), 'place');
  assert.equal(found.get('Canal+'), 'organisation');
  assert.equal(
    kinds('dans le camp de la candidate LR à la mairie').get('LR'),
    'organisation',
  );
});

test('entities: a person before a party in brackets, a name then whose it is, a title and its portfolio', () => {
  assert.deepEqual(reading('Renaud Muselier (LR) va déposer un référé.'), [
    'Renaud Muselier/person',
    'LR/organisation',
  ]);
  assert.deepEqual(reading('Les cadres du PS de François Hollande votent.'), [
    'PS/organisation',
    'François Hollande/person',
  ]);
  assert.deepEqual(
    reading(
      "Le Ministre des Solidarités et de la Santé a parlé. Le ministère de l'Économie et des Finances répond.",
    ),
    ["ministère de l'Économie et des Finances/organisation"],
  );
});

test("entities: inhabitants, events, awards and a headline's ordinary first word are no names", () => {
  assert.deepEqual(
    reading(
      'Compteurs Linky : les compteurs posent problème. Une jeune Italienne et les 13 Français sont à la Journée internationale du climat. Il a reçu le prix Templeton.',
    ),
    // (« Linky », a product named once, is no organisation either: see listKinds' test.)
    [],
  );
  assert.deepEqual(reading("Meurtre d'Alexia : Alexia Daval est morte."), [
    'Alexia Daval/person',
  ]);
});

test('entities: a described organisation, then the short name it goes by in quotes, is one entity', () => {
  assert.deepEqual(
    reading(
      'Le président du Centre national des études maritimes « Cenem » a parlé.',
    ),
    ['Cenem/organisation [Centre national des études maritimes]'],
  );
});
