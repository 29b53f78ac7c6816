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
  badMode: (tag, value, known) => `mode="${value}" von <${tag}> ist kein Modus, den es kennt (${known}). Schreiben Sie mode="assisted" für einen begleiteten Arbeitsplatz, oder entfernen Sie das Attribut.`,
  badResetAfter: (tag, value) => `reset-after="${value}" von <${tag}> ist keine Anzahl von Minuten. Schreiben Sie zum Beispiel reset-after="3" (0 schaltet das automatische Leeren ab).`,
  badMediator: (tag) => `Der Code der Begleitperson von <${tag}> ist zu lang oder enthält Steuerzeichen: höchstens 64 Zeichen, zum Beispiel mediator="FS-Lyon-3".`,
};

export default de;
