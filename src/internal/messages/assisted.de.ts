import type { AssistedMessages } from '../assisted.messages.js';

const de: AssistedMessages = {
  bar: 'Begleiteter Modus',
  mediator: 'Code der Begleitperson',
  mediatorNone: 'Code der Begleitperson: keiner',
  mediatorIs: (code) => `Code der Begleitperson: ${code}`,
  mediatorHint: 'Wird mit jeder Antwort gesendet, damit die Veranstalter die geleistete Hilfe zählen können. Bleibt erhalten, bis diese Seite geschlossen wird.',
  mediatorSave: 'Diesen Code verwenden',
  nextPerson: 'Nächste Person',
  nextPersonHint: 'Leert das Formular und alles Eingegebene.',
  warningTitle: 'Sind Sie noch da?',
  warning: (seconds) => `Das Formular wird in ${seconds} s geleert, mit allem, was eingegeben wurde.`,
  continue: 'Weiter',
  clearNow: 'Jetzt leeren',
};

export default de;
