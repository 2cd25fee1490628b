/**
 * A planted topic whose sources carry every field the reader page and the
 * report show: English titles, notes for readers (and one for editors only,
 * never shipped), a declaration read at a named page, industry ties (one
 * whose party holds markup), a declaration not found and where it was looked
 * for, none declared, notices read and unread, and a figure given without a
 * citation. It passes every check, so it builds and publishes.
 */

/** The planted topic's ID. */
export const FEATURES_ID = 'abcdef15';

/** A tie's party (and so the funding caveat naming it) with markup in it: text, never elements. */
export const TIE_PARTY = `<b>Acme</b> Labs <img src=x onerror='window.__pwned=true'>`;

/** The topic's YAML: an article (paper), a study cited by its page (page), a page declaring nothing (quiet), a plain page (plain). */
export const FEATURES = `id: ${FEATURES_ID}
kind: topic
title: Planted sources with every field
status: published
updated: 2026-12-06
summary: A planted topic whose sources carry English titles, notes for readers, declarations, ties and notices.
overview: >-
  A planted overview. It gives a figure, 17 minutes, without a citation, on
  purpose.
sections:
  - heading: What the sources say
    body: The planted sources say what the reader test needs them to say.
    cite: [paper, page, quiet, plain]
caveats:
  - type: funding
    text: "Planted Pharma funded the planted paper, and ${TIE_PARTY} employs one of its authors."
    cite: [paper]
  - type: funding
    text: Tie Corp hosts the planted study's page.
    cite: [page]
editorial_figures:
  - figure: 17 minutes
    reason: "A planted figure, restated from the planted paper <i>as text</i>."
references:
  - key: paper
    type: article
    pmid: 33260549
    first_author: Pickering G
    year: 2020
    title: "Magnesium Status and Stress: The Vicious Circle Concept Revisited"
    title_en: The planted English title
    journal: Nutrients
    reader_note: A planted note for readers.
    note: A planted note for editors only.
    coi:
      status: declared
      sponsors: [Planted Pharma]
      statement: Funded by Planted Pharma.
      checked: 2026-12-06
      sources:
        - url: https://example.org/declaration
          accessed: 2026-12-06
          note: Funding section
      ties:
        - party: "${TIE_PARTY}"
          relation: a co-author is its head of research
          source:
            url: https://example.org/affiliations
            accessed: 2026-12-05
    notices:
      - type: erratum
        pmid: 11111111
        note: It corrects a table; nothing cited here changes.
        read:
          url: https://example.org/erratum
          accessed: 2026-12-04
          note: the notice's page
      - type: expression-of-concern
        pmid: 22222222
        note: Not read yet, so what it changes is not known.
        read: false
  - key: page
    type: web
    title: Eine geplante Studie
    title_en: A planted study
    publisher: Planted Journal
    url: https://example.org/studie
    accessed: 2026-12-06
    reader_note: A planted note about the page.
    coi:
      status: not-found
      checked: 2026-12-06
      sources:
        - url: https://example.org/studie
          accessed: 2026-12-06
          note: the publisher's page
        - url: https://copies.example.net/studie.pdf
          accessed: 2026-12-06
      ties:
        - party: Tie Corp
          relation: its website hosts the study
          source:
            url: https://tiecorp.example.com/study
            accessed: 2026-12-06
            note: news page
  - key: quiet
    type: web
    title: A planted study that declares nothing
    url: https://example.org/quiet
    accessed: 2026-12-06
    coi:
      status: none-declared
      checked: 2026-12-06
      sources:
        - url: https://example.org/quiet#declarations
          accessed: 2026-12-06
  - key: plain
    type: web
    title: A planted fact sheet
    url: https://example.org/plain
    accessed: 2026-12-06
`;
