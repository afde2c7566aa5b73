/**
 * The Erklärung zur Barrierefreiheit an installation shows until an admin saves its own: the structure of the
 * Musterbarrierefreiheitserklärung (Durchführungsbeschluss (EU) 2018/1523, BITV 2.0 § 7). Everything in
 * square brackets is for the Kommune to complete; it is not a finished statement.
 */
export const DEFAULT_ACCESSIBILITY_STATEMENT = `**Entwurf – von der Kommune zu vervollständigen.** Alle Angaben in eckigen Klammern sind zu ersetzen, bevor die Erklärung veröffentlicht wird.

[Name der Kommune] ist bemüht, die Webanwendung „Quartierplan“ im Einklang mit [dem Behindertengleichstellungsgesetz des Landes (z. B. BGG NRW) und der dazu erlassenen Verordnung (z. B. BITV NRW)] sowie der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) zur Umsetzung der Richtlinie (EU) 2016/2102 barrierefrei zugänglich zu machen.

Diese Erklärung zur Barrierefreiheit gilt für [Adresse der Webanwendung, z. B. https://quartierplan.example.de].

## Stand der Vereinbarkeit mit den Anforderungen

Diese Webanwendung ist [vollständig / teilweise / nicht] mit den Anforderungen der BITV 2.0 und der harmonisierten Norm EN 301 549 vereinbar. [Bei „teilweise“: Die unten aufgeführten Inhalte sind nicht barrierefrei.]

## Nicht barrierefreie Inhalte

Die nachstehend aufgeführten Inhalte sind aus folgenden Gründen nicht barrierefrei: [von der Kommune zu prüfen und zu ergänzen, zum Beispiel:]

- [Unvereinbarkeit mit der BITV 2.0: z. B. „Im gemeinsamen Texteditor werden die Cursor anderer Personen nur farbig angezeigt.“]
- [Unverhältnismäßige Belastung: z. B. „Ältere PDF-Dokumente sind nicht barrierefrei.“ mit Begründung]
- [Inhalte, die nicht in den Anwendungsbereich fallen: z. B. Inhalte Dritter]

[Barrierefreie Alternativen, soweit vorhanden: z. B. „Die Inhalte erhalten Sie auf Anfrage auch als barrierefreies Dokument.“]

## Erstellung dieser Erklärung zur Barrierefreiheit

Diese Erklärung wurde am [Datum] erstellt. Die Aussagen beruhen auf [einer Selbstbewertung / einer Bewertung durch Dritte, z. B. einem BITV-Test vom Datum]. Die Erklärung wurde zuletzt am [Datum] überprüft.

## Feedback und Kontaktangaben

Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten aufgefallen? Dann können Sie sich über das Formular auf dieser Seite an uns wenden. Sie können uns auch direkt erreichen:

- [Zuständige Stelle, z. B. Amt und Ansprechperson]
- [Anschrift]
- [E-Mail-Adresse]
- [Telefonnummer]

Wir bemühen uns, Ihre Anfrage innerhalb von [Frist, z. B. zwei Wochen] zu beantworten.

## Durchsetzungsverfahren

Wenn Sie auch nach Ihrem Feedback an die oben genannte Stelle keine zufriedenstellende Lösung erhalten haben, können Sie sich an die [zuständige Durchsetzungs- oder Schlichtungsstelle des Landes, z. B. „Ombudsstelle für barrierefreie Informationstechnik“] wenden. Das Verfahren ist kostenlos; Sie brauchen keinen Rechtsbeistand.

- [Name der Durchsetzungs- oder Schlichtungsstelle]
- [Anschrift]
- [Telefon, E-Mail-Adresse und Webseite]
`;
